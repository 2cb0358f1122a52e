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

class ApiCaseTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ApiCaseTest, Passes) {
  std::ifstream file(std::filesystem::path(TALLINN_API_CASES_DIR) / GetParam());
  std::stringstream text;
  text << file.rdbuf();
  TestPlatform platform;
  for (const CaseFailure& failure : run_case_file(text.str(), platform)) {
    ADD_FAILURE() << GetParam() << ":" << failure.line << ": " << failure.message;
  }
}

std::string case_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param.substr(0, info.param.size() - 5);
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Cases, ApiCaseTest, ::testing::ValuesIn(case_files()), case_name);

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
