#include "observe/metrics.h"

#include <gtest/gtest.h>

namespace tallinn::observe {
namespace {

bool has_line(const std::string& text, const std::string& line) {
  return text.find("\n" + line + "\n") != std::string::npos || text.starts_with(line + "\n");
}

TEST(Metrics, RequestsAreCountedAndBucketedByRouteAndStatusClass) {
  Metrics metrics;
  metrics.observe_request("GET", "/api/v1/needs/{id}", 200, 0.0007);
  metrics.observe_request("GET", "/api/v1/needs/{id}", 204, 0.003);
  metrics.observe_request("GET", "/api/v1/needs/{id}", 404, 20.0);
  std::string text = metrics.render();
  const std::string ok = R"(method="GET",route="/api/v1/needs/{id}",status="2xx")";
  EXPECT_TRUE(has_line(text, "tallinn_http_requests_total{" + ok + "} 2")) << text;
  EXPECT_TRUE(
      has_line(text, "tallinn_http_request_duration_seconds_bucket{" + ok + R"(,le="0.0005"} 0)"))
      << text;
  EXPECT_TRUE(
      has_line(text, "tallinn_http_request_duration_seconds_bucket{" + ok + R"(,le="0.001"} 1)"));
  EXPECT_TRUE(
      has_line(text, "tallinn_http_request_duration_seconds_bucket{" + ok + R"(,le="0.005"} 2)"));
  EXPECT_TRUE(has_line(text, "tallinn_http_request_duration_seconds_count{" + ok + "} 2"));
  const std::string missing = R"(method="GET",route="/api/v1/needs/{id}",status="4xx")";
  EXPECT_TRUE(
      has_line(text, "tallinn_http_request_duration_seconds_bucket{" + missing + R"(,le="10"} 0)"));
  EXPECT_TRUE(has_line(
      text, "tallinn_http_request_duration_seconds_bucket{" + missing + R"(,le="+Inf"} 1)"));
  EXPECT_TRUE(has_line(text, "# TYPE tallinn_http_request_duration_seconds histogram"));
}

TEST(Metrics, LabelValuesAreEscaped) {
  Metrics metrics;
  metrics.observe_request("GET", "/a\"b\\c", 500, 0.1);
  EXPECT_NE(metrics.render().find(R"(route="/a\"b\\c",status="5xx")"), std::string::npos);
}

TEST(Metrics, MatchingRunsAndCollectors) {
  Metrics metrics;
  metrics.observe_matching_run("optimal", 0.2);
  metrics.observe_matching_run("optimal", 0.3);
  metrics.observe_matching_run("failed", 0.01);
  metrics.add_collector([](std::string& out) {
    append_help(out, "tallinn_test_gauge", "gauge", "A test value.");
    append_sample(out, "tallinn_test_gauge", "", 7);
  });
  std::string text = metrics.render();
  EXPECT_TRUE(has_line(text, R"(tallinn_matching_runs_total{status="optimal"} 2)")) << text;
  EXPECT_TRUE(has_line(text, R"(tallinn_matching_runs_total{status="failed"} 1)"));
  EXPECT_TRUE(has_line(text, "tallinn_matching_run_duration_seconds_count 3"));
  EXPECT_TRUE(has_line(text, "tallinn_test_gauge 7"));
  EXPECT_TRUE(text.ends_with("\n"));
}

}  // namespace
}  // namespace tallinn::observe
