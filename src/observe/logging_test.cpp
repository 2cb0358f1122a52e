#include "observe/logging.h"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>
#include <sstream>

namespace tallinn::observe {
namespace {

// Routes the default logger into a string for one test.
class LoggingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    previous_ = spdlog::default_logger();
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(stream_);
    spdlog::set_default_logger(std::make_shared<spdlog::logger>("test", sink));
  }
  void TearDown() override {
    ASSERT_TRUE(configure_logging("text", "info").is_ok());
    spdlog::set_default_logger(previous_);
  }
  std::vector<nlohmann::json> lines() {
    std::vector<nlohmann::json> parsed;
    std::string line;
    std::istringstream input(stream_.str());
    while (std::getline(input, line)) parsed.push_back(nlohmann::json::parse(line));
    return parsed;
  }

  std::ostringstream stream_;
  std::shared_ptr<spdlog::logger> previous_;
};

TEST_F(LoggingTest, JsonLinesQuoteMessagesAndCarryRequestFields) {
  ASSERT_TRUE(configure_logging("json", "info").is_ok());
  spdlog::info("a \"quoted\" word\nand a second line\x01");
  log_request({.method = "GET",
               .route = "/api/v1/needs/{id}",
               .status = 404,
               .duration_ms = 1.25,
               .client = "127.0.0.1"});
  spdlog::debug("below the level");
  auto parsed = lines();
  ASSERT_EQ(parsed.size(), 2u) << stream_.str();
  EXPECT_EQ(parsed[0]["level"], "info");
  EXPECT_EQ(parsed[0]["msg"], "a \"quoted\" word\nand a second line\x01");
  EXPECT_TRUE(parsed[0]["time"].get<std::string>().ends_with("Z"));
  EXPECT_EQ(parsed[1]["msg"], "http request");
  EXPECT_EQ(parsed[1]["method"], "GET");
  EXPECT_EQ(parsed[1]["route"], "/api/v1/needs/{id}");
  EXPECT_EQ(parsed[1]["status"], 404);
  EXPECT_DOUBLE_EQ(parsed[1]["duration_ms"].get<double>(), 1.25);
  EXPECT_EQ(parsed[1]["client"], "127.0.0.1");
}

TEST_F(LoggingTest, TextRequestLinesAreKeyValue) {
  ASSERT_TRUE(configure_logging("text", "info").is_ok());
  log_request({.method = "POST", .route = "-", .status = 400, .duration_ms = 0.5, .client = "::1"});
  EXPECT_NE(stream_.str().find("http request method=POST route=- status=400 duration_ms=0.500"),
            std::string::npos)
      << stream_.str();
}

TEST_F(LoggingTest, UnknownFormatOrLevelNamesTheSetting) {
  EXPECT_EQ(configure_logging("xml", "info").field(), "log-format");
  EXPECT_EQ(configure_logging("json", "loud").field(), "log-level");
}

}  // namespace
}  // namespace tallinn::observe
