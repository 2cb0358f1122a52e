// Runs every tests/cases/api/*.case file against a fresh in-process server.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "api/case_runner.h"

namespace tallinn::testing {
namespace {

std::vector<std::string> case_files() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(TALLINN_API_CASES_DIR)) {
    if (entry.path().extension() == ".case") files.push_back(entry.path().filename().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// (backend, case file)
class ApiCaseTest : public ::testing::TestWithParam<std::tuple<std::string, std::string>> {};

TEST_P(ApiCaseTest, Passes) {
  const auto& [backend, case_file] = GetParam();
  if (!TestPlatform::backend_available(backend)) GTEST_SKIP() << "no PostgreSQL test cluster";
  std::ifstream file(std::filesystem::path(TALLINN_API_CASES_DIR) / case_file);
  std::stringstream text;
  text << file.rdbuf();
  TestPlatform platform(backend);
  for (const CaseFailure& failure : run_case_file(text.str(), platform)) {
    ADD_FAILURE() << case_file << ":" << failure.line << ": " << failure.message;
  }
}

std::string case_name(const ::testing::TestParamInfo<ApiCaseTest::ParamType>& info) {
  const auto& [backend, case_file] = info.param;
  std::string name = backend + "_" + case_file.substr(0, case_file.size() - 5);
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Cases, ApiCaseTest,
                         ::testing::Combine(::testing::Values("sqlite", "postgres"),
                                            ::testing::ValuesIn(case_files())),
                         case_name);

TEST(JsonContainsTest, SubsetsArraysAndWildcards) {
  auto actual = nlohmann::json::parse(R"({"a": 1, "b": [1, 2, 3], "c": {"d": "x"}})");
  std::string path;
  EXPECT_TRUE(json_contains(actual, nlohmann::json::parse(R"({"a": 1.0})"), path));
  EXPECT_TRUE(json_contains(actual, nlohmann::json::parse(R"({"b": [1, "..."]})"), path));
  EXPECT_FALSE(json_contains(actual, nlohmann::json::parse(R"({"b": [1]})"), path));
  EXPECT_TRUE(json_contains(actual, nlohmann::json::parse(R"({"c": "<any>"})"), path));
  EXPECT_FALSE(json_contains(actual, nlohmann::json::parse(R"({"c": {"d": "y"}})"), path));
  EXPECT_EQ(path, "c.d");
  EXPECT_FALSE(json_contains(actual, nlohmann::json::parse(R"({"e": "<any>"})"), path));
}

}  // namespace
}  // namespace tallinn::testing
