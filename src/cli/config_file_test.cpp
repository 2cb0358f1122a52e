#include "cli/config_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace tallinn::cli {
namespace {

TEST(ParseConfig, KeysValuesCommentsAndQuotes) {
  auto entries = parse_config(
      "# settings\n\ndb = sqlite:///var/lib/tallinn/t.db\r\n  workers=8  \nweb-root = \"\"\n"
      "log-format = \"json # not a comment\"\n");
  ASSERT_TRUE(entries.is_ok()) << entries.status().to_string();
  ASSERT_EQ(entries->size(), 4u);
  EXPECT_EQ((*entries)[0].key, "db");
  EXPECT_EQ((*entries)[0].value, "sqlite:///var/lib/tallinn/t.db");
  EXPECT_EQ((*entries)[1].key, "workers");
  EXPECT_EQ((*entries)[1].value, "8");
  EXPECT_EQ((*entries)[1].line, 4);
  EXPECT_EQ((*entries)[2].value, "");
  EXPECT_EQ((*entries)[3].value, "json # not a comment");
}

TEST(ParseConfig, BrokenLinesNameTheirLine) {
  EXPECT_EQ(parse_config("db = x\nlisten\n").status().message(), "line 2: expected key = value");
  EXPECT_EQ(parse_config("DB = x\n").status().field(), "config");
  EXPECT_FALSE(parse_config("db = \"x\n").is_ok());
}

class ApplyConfig : public ::testing::Test {
 protected:
  void SetUp() override {
    command_.add_option("--db", db_);
    command_.add_option("--workers", workers_)->check(CLI::Range(1, 64));
    command_.add_flag("--secure-cookies", secure_);
    path_ = std::filesystem::temp_directory_path() /
            ("tallinn-config-test-" + std::to_string(::getpid()) + ".conf");
  }
  void TearDown() override { std::filesystem::remove(path_); }
  Status apply(const std::string& text, std::vector<std::string> arguments = {}) {
    std::ofstream(path_) << text;
    arguments.insert(arguments.begin(), "serve");
    std::vector<const char*> argv;
    for (const auto& argument : arguments) argv.push_back(argument.c_str());
    command_.parse(static_cast<int>(argv.size()), argv.data());
    return apply_config_file(command_, path_.string());
  }

  CLI::App command_;
  std::string db_ = "default";
  int workers_ = 4;
  bool secure_ = false;
  std::filesystem::path path_;
};

TEST_F(ApplyConfig, FileSetsWhatTheCommandLineLeftUnset) {
  ASSERT_TRUE(
      apply("db = from-file\nworkers = 9\nsecure-cookies = true\n", {"--workers", "3"}).is_ok());
  EXPECT_EQ(db_, "from-file");
  EXPECT_EQ(workers_, 3);
  EXPECT_TRUE(secure_);
}

TEST_F(ApplyConfig, UnknownKeyIsNamed) {
  Status status = apply("db = x\ncolour = blue\n");
  EXPECT_EQ(status.field(), "config");
  EXPECT_NE(status.message().find("line 2: unknown key 'colour'"), std::string::npos)
      << status.message();
}

TEST_F(ApplyConfig, RefusedValuesAndRepeatsStop) {
  EXPECT_NE(apply("workers = 0\n").message().find("workers"), std::string::npos);
}

TEST_F(ApplyConfig, RepeatedKeyStops) {
  EXPECT_NE(apply("db = a\ndb = b\n").message().find("twice"), std::string::npos);
}

TEST_F(ApplyConfig, FlagTakesTrueOrFalse) {
  EXPECT_NE(apply("secure-cookies = yes\n").message().find("true or false"), std::string::npos);
}

}  // namespace
}  // namespace tallinn::cli
