#include "observe/logging.h"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <spdlog/pattern_formatter.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <memory>

namespace tallinn::observe {
namespace {

std::atomic<bool> json_logs{false};

// A request line's message in JSON mode starts with this marker and then
// holds its fields as JSON members, so that the formatter can place them
// beside "time" and "level" instead of quoting them inside "msg".
constexpr std::string_view kFieldsMarker = "\x1f";

// {"time":"2026-11-25T23:50:01.123Z","level":"info","msg":"..."} per line.
class JsonFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& message, spdlog::memory_buf_t& dest) override {
    auto since_epoch = message.time.time_since_epoch();
    auto seconds = std::chrono::floor<std::chrono::seconds>(since_epoch);
    auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch - seconds);
    std::time_t time = static_cast<std::time_t>(seconds.count());
    const auto& level_name = spdlog::level::to_string_view(message.level);
    std::string_view level(level_name.data(), level_name.size());
    std::string_view payload(message.payload.data(), message.payload.size());
    fmt::format_to(std::back_inserter(dest),
                   "{{\"time\":\"{:%Y-%m-%dT%H:%M:%S}.{:03d}Z\",\"level\":\"{}\"",
                   fmt::gmtime(time), static_cast<int>(millis.count()), level);
    if (payload.starts_with(kFieldsMarker)) {
      payload.remove_prefix(kFieldsMarker.size());
      fmt::format_to(std::back_inserter(dest), ",{}}}\n", payload);
    } else {
      fmt::format_to(std::back_inserter(dest), ",\"msg\":{}}}\n", json_quote(payload));
    }
  }

  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<JsonFormatter>();
  }
};

}  // namespace

std::string json_quote(std::string_view text) {
  std::string quoted = "\"";
  for (unsigned char c : text) {
    switch (c) {
      case '"':
        quoted += "\\\"";
        break;
      case '\\':
        quoted += "\\\\";
        break;
      case '\n':
        quoted += "\\n";
        break;
      case '\r':
        quoted += "\\r";
        break;
      case '\t':
        quoted += "\\t";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          quoted += fmt::format("\\u{:04x}", c);
        } else {
          quoted += static_cast<char>(c);
        }
    }
  }
  quoted += '"';
  return quoted;
}

Status configure_logging(std::string_view format, std::string_view level) {
  spdlog::level::level_enum parsed_level;
  if (level == "debug") {
    parsed_level = spdlog::level::debug;
  } else if (level == "info") {
    parsed_level = spdlog::level::info;
  } else if (level == "warn") {
    parsed_level = spdlog::level::warn;
  } else if (level == "error") {
    parsed_level = spdlog::level::err;
  } else {
    return invalid("log-level", "must be debug, info, warn or error");
  }
  if (format == "json") {
    spdlog::set_formatter(std::make_unique<JsonFormatter>());
    json_logs = true;
  } else if (format == "text") {
    spdlog::set_formatter(std::make_unique<spdlog::pattern_formatter>());
    json_logs = false;
  } else {
    return invalid("log-format", "must be text or json");
  }
  spdlog::set_level(parsed_level);
  return Status::ok();
}

void log_request(const RequestLog& request) {
  if (!spdlog::should_log(spdlog::level::info)) return;
  if (json_logs) {
    spdlog::info(
        "{}\"msg\":\"http request\",\"method\":{},\"route\":{},\"status\":{},"
        "\"duration_ms\":{:.3f},\"client\":{}",
        kFieldsMarker, json_quote(request.method), json_quote(request.route), request.status,
        request.duration_ms, json_quote(request.client));
    return;
  }
  spdlog::info("http request method={} route={} status={} duration_ms={:.3f} client={}",
               request.method, request.route, request.status, request.duration_ms, request.client);
}

}  // namespace tallinn::observe
