// Prometheus metrics of one server process, exposed as text format 0.0.4
// (docs/operations.md lists every metric). Hand-written exposition: the few
// metric kinds we need do not justify a client library.
//
// Thread-safe: observe_*() are called from every worker thread; render()
// from the /metrics handler. Label values are route patterns and fixed
// words, never request content, so the number of series stays bounded.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace tallinn::observe {

// Upper bounds (seconds) of the latency histograms' buckets; +Inf is implied.
inline constexpr std::array<double, 14> kLatencyBuckets = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

class Histogram {
 public:
  void observe(double seconds);
  // Appends the _bucket, _sum and _count lines of `name` with `labels`
  // (already formatted, `a="x",b="y"`, or empty).
  void render(std::string& out, std::string_view name, std::string_view labels) const;
  uint64_t count() const { return count_; }

 private:
  std::array<uint64_t, kLatencyBuckets.size()> buckets_{};  // not cumulative
  uint64_t count_ = 0;
  double sum_ = 0;
};

// Helpers for collectors that expose values kept elsewhere.
void append_help(std::string& out, std::string_view name, std::string_view type,
                 std::string_view help);
void append_sample(std::string& out, std::string_view name, std::string_view labels, double value);

class Metrics {
 public:
  // One request answered: `route` is the matched pattern ("-" when none,
  // "*" for the web application's files).
  void observe_request(std::string_view method, std::string_view route, int status, double seconds);
  // One matching run: `status` is "optimal", "feasible" or "failed".
  void observe_matching_run(std::string_view status, double seconds);

  // Called at every render() to append more metrics (database counters).
  // Add collectors before serving.
  void add_collector(std::function<void(std::string& out)> collector);

  // The whole exposition, ending in a newline.
  std::string render() const;

 private:
  using RequestKey = std::tuple<std::string, std::string, std::string>;  // method, route, class

  mutable std::mutex mutex_;
  std::map<RequestKey, Histogram> requests_;       // guarded by mutex_
  std::map<std::string, uint64_t> matching_runs_;  // guarded by mutex_
  Histogram matching_duration_;                    // guarded by mutex_
  std::vector<std::function<void(std::string&)>> collectors_;
};

// "2xx" for 204, and so on.
std::string status_class(int status);

}  // namespace tallinn::observe
