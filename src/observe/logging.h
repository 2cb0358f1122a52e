// The server's log: spdlog, as text for a terminal or as one JSON object per
// line for a log collector (docs/operations.md). What is logged never holds
// a token, a password, a cookie, a request body or a request target: request
// lines carry the route pattern, not the path.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace tallinn::observe {

// Sets the format ("text" or "json") and the level ("debug", "info",
// "warn", "error") of the default logger. kInvalid naming "log-format" or
// "log-level" for another word.
Status configure_logging(std::string_view format, std::string_view level);

// One answered request.
struct RequestLog {
  std::string_view method;  // "-" when the request did not parse
  std::string_view route;   // the matched pattern, "-" when none
  int status = 0;
  double duration_ms = 0;
  std::string_view client;  // the peer's address
};

// The request's log line: `http request method=GET route=... status=200
// duration_ms=1.234 client=...` as text, and in JSON the same fields as
// members {"time", "level", "msg": "http request", "method", ...}.
void log_request(const RequestLog& request);

// `text` as a JSON string literal, quotes included.
std::string json_quote(std::string_view text);

}  // namespace tallinn::observe
