#include "observe/metrics.h"

#include <fmt/format.h>

namespace tallinn::observe {
namespace {

// Label values are escaped as the text format asks: backslash, quote, newline.
std::string escape_label(std::string_view value) {
  std::string escaped;
  escaped.reserve(value.size());
  for (char c : value) {
    if (c == '\\' || c == '"') {
      escaped += '\\';
      escaped += c;
    } else if (c == '\n') {
      escaped += "\\n";
    } else {
      escaped += c;
    }
  }
  return escaped;
}

std::string with_label(std::string_view labels, std::string_view extra) {
  if (labels.empty()) return std::string(extra);
  return std::string(labels) + "," + std::string(extra);
}

}  // namespace

void Histogram::observe(double seconds) {
  for (size_t i = 0; i < kLatencyBuckets.size(); ++i) {
    if (seconds <= kLatencyBuckets[i]) {
      ++buckets_[i];
      break;
    }
  }
  ++count_;
  sum_ += seconds;
}

void Histogram::render(std::string& out, std::string_view name, std::string_view labels) const {
  uint64_t cumulative = 0;
  for (size_t i = 0; i < kLatencyBuckets.size(); ++i) {
    cumulative += buckets_[i];
    append_sample(out, fmt::format("{}_bucket", name),
                  with_label(labels, fmt::format("le=\"{}\"", kLatencyBuckets[i])),
                  static_cast<double>(cumulative));
  }
  append_sample(out, fmt::format("{}_bucket", name), with_label(labels, "le=\"+Inf\""),
                static_cast<double>(count_));
  append_sample(out, fmt::format("{}_sum", name), labels, sum_);
  append_sample(out, fmt::format("{}_count", name), labels, static_cast<double>(count_));
}

void append_help(std::string& out, std::string_view name, std::string_view type,
                 std::string_view help) {
  fmt::format_to(std::back_inserter(out), "# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
}

void append_sample(std::string& out, std::string_view name, std::string_view labels, double value) {
  if (labels.empty()) {
    fmt::format_to(std::back_inserter(out), "{} {}\n", name, value);
  } else {
    fmt::format_to(std::back_inserter(out), "{}{{{}}} {}\n", name, labels, value);
  }
}

std::string status_class(int status) { return fmt::format("{}xx", status / 100); }

void Metrics::observe_request(std::string_view method, std::string_view route, int status,
                              double seconds) {
  RequestKey key{std::string(method), std::string(route), status_class(status)};
  std::lock_guard lock(mutex_);
  requests_[key].observe(seconds);
}

void Metrics::observe_matching_run(std::string_view status, double seconds) {
  std::lock_guard lock(mutex_);
  ++matching_runs_[std::string(status)];
  matching_duration_.observe(seconds);
}

void Metrics::add_collector(std::function<void(std::string& out)> collector) {
  std::lock_guard lock(mutex_);
  collectors_.push_back(std::move(collector));
}

std::string Metrics::render() const {
  std::string out;
  std::lock_guard lock(mutex_);
  auto request_labels = [](const RequestKey& key) {
    const auto& [method, route, klass] = key;
    return fmt::format("method=\"{}\",route=\"{}\",status=\"{}\"", escape_label(method),
                       escape_label(route), klass);
  };
  append_help(out, "tallinn_http_requests_total", "counter",
              "HTTP requests answered, by method, route pattern and status class.");
  for (const auto& [key, histogram] : requests_) {
    append_sample(out, "tallinn_http_requests_total", request_labels(key),
                  static_cast<double>(histogram.count()));
  }
  append_help(out, "tallinn_http_request_duration_seconds", "histogram",
              "Time from the end of a request's header to its response, by method, route "
              "pattern and status class.");
  for (const auto& [key, histogram] : requests_) {
    histogram.render(out, "tallinn_http_request_duration_seconds", request_labels(key));
  }
  append_help(out, "tallinn_matching_runs_total", "counter",
              "Matching runs, by outcome (optimal, feasible, failed).");
  for (const auto& [status, count] : matching_runs_) {
    append_sample(out, "tallinn_matching_runs_total",
                  fmt::format("status=\"{}\"", escape_label(status)), static_cast<double>(count));
  }
  append_help(out, "tallinn_matching_run_duration_seconds", "histogram",
              "Time the matching engine took per run.");
  matching_duration_.render(out, "tallinn_matching_run_duration_seconds", "");
  for (const auto& collector : collectors_) collector(out);
  return out;
}

}  // namespace tallinn::observe
