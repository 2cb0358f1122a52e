// Runs every case of tests/cases/match: instances with an "expect" block
// (optimum and status) are solved and re-checked; malformed/NAME.json must
// fail to read with the text of malformed/NAME.error.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "allocation_check.h"
#include "match/solve.h"
#include "matchio/instance_reader.h"

namespace tallinn::match {
namespace {

namespace fs = std::filesystem;

fs::path cases_dir() {
  const char* root = std::getenv("TALLINN_SOURCE_DIR");
  return fs::path(root ? root : ".") / "tests" / "cases" / "match";
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<fs::path> files_in(const fs::path& dir, const std::string& extension) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == extension) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST(MatchCases, SolvedCasesReachTheirKnownOptimum) {
  const auto files = files_in(cases_dir(), ".json");
  ASSERT_GE(files.size(), 10u);
  for (const fs::path& file : files) {
    SCOPED_TRACE(file.filename().string());
    const std::string text = slurp(file);
    const auto expect = nlohmann::json::parse(text).at("expect");
    Result<Instance> instance = matchio::parse_instance(text);
    ASSERT_TRUE(instance.is_ok()) << instance.status().to_string();
    Result<Solution> solution = solve(*instance, SolveOptions{});
    ASSERT_TRUE(solution.is_ok());
    EXPECT_EQ(testing::check_solution(*instance, *solution), "");
    const double optimum = expect.at("optimum").get<double>();
    EXPECT_NEAR(solution->objective, optimum, 1e-9 * std::max(1.0, optimum));
    EXPECT_GE(solution->bound, optimum - 1e-9 * std::max(1.0, optimum));
    EXPECT_EQ(solution->status == SolveStatus::kOptimal ? "optimal" : "feasible",
              expect.at("status").get<std::string>());
  }
}

TEST(MatchCases, MalformedInstancesNameTheirFault) {
  const auto files = files_in(cases_dir() / "malformed", ".json");
  ASSERT_GE(files.size(), 10u);
  for (const fs::path& file : files) {
    SCOPED_TRACE(file.filename().string());
    fs::path error_file = file;
    error_file.replace_extension(".error");
    std::string expected = slurp(error_file);
    while (!expected.empty() && expected.back() == '\n') expected.pop_back();
    Result<Instance> instance = matchio::read_instance_file(file.string());
    ASSERT_FALSE(instance.is_ok());
    EXPECT_NE(instance.status().to_string().find(expected), std::string::npos)
        << instance.status().to_string();
  }
}

}  // namespace
}  // namespace tallinn::match
