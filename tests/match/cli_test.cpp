// The real `tallinn match` binary: exit codes, stderr, no output file on
// bad input, byte-identical output on repeated runs.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

namespace fs = std::filesystem;

fs::path source_dir() {
  const char* root = std::getenv("TALLINN_SOURCE_DIR");
  return fs::path(root ? root : ".");
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs `tallinn match ARGS`, stderr to `stderr_path`; returns the exit code.
int run_match(const std::string& arguments, const fs::path& stderr_path) {
  const std::string command =
      std::string(TALLINN_BINARY) + " match " + arguments + " 2> " + stderr_path.string();
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

class MatchCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("tallinn_match_cli_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(MatchCli, BadInputExitsTwoNamesTheFaultAndWritesNothing) {
  const fs::path cases = source_dir() / "tests" / "cases" / "match" / "malformed";
  for (const char* name : {"priority_seven", "amount_three_decimals", "truncated_json"}) {
    SCOPED_TRACE(name);
    const fs::path output = dir_ / "result.json";
    const int code =
        run_match((cases / (std::string(name) + ".json")).string() + " -o " + output.string(),
                  dir_ / "stderr.txt");
    EXPECT_EQ(code, 2);
    std::string expected = slurp(cases / (std::string(name) + ".error"));
    expected.pop_back();
    EXPECT_NE(slurp(dir_ / "stderr.txt").find(expected), std::string::npos);
    EXPECT_FALSE(fs::exists(output));
  }
  EXPECT_EQ(run_match((dir_ / "absent.json").string(), dir_ / "stderr.txt"), 2);
}

TEST_F(MatchCli, SameInputSameBytes) {
  const fs::path instance = source_dir() / "tests" / "cases" / "match" / "chain_reroute.json";
  const fs::path first = dir_ / "first.json", second = dir_ / "second.json";
  ASSERT_EQ(run_match(instance.string() + " --explain -o " + first.string(), dir_ / "e"), 0);
  ASSERT_EQ(run_match(instance.string() + " --explain -o " + second.string(), dir_ / "e"), 0);
  const std::string text = slurp(first);
  EXPECT_EQ(text, slurp(second));
  EXPECT_NE(text.find("\"status\":\"optimal\",\"objective\":21,\"bound\":21"), std::string::npos);
  EXPECT_NE(text.find("\"explanation\""), std::string::npos);
  for (const fs::path& entry : fs::directory_iterator(dir_)) {
    EXPECT_EQ(entry.extension().string().find("tmp"), std::string::npos);
  }
}

TEST_F(MatchCli, WithoutOutputFileWritesTheSameBytesToStdout) {
  const fs::path instance = source_dir() / "tests" / "cases" / "match" / "two_decimals.json";
  const fs::path file = dir_ / "result.json", captured = dir_ / "stdout.json";
  ASSERT_EQ(run_match(instance.string() + " -o " + file.string(), dir_ / "e"), 0);
  ASSERT_EQ(run_match(instance.string() + " > " + captured.string(), dir_ / "e"), 0);
  EXPECT_EQ(slurp(file), slurp(captured));
  EXPECT_NE(slurp(file).find("\"amount\":0.01}"), std::string::npos);
}

}  // namespace
