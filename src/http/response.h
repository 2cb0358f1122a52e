// The transport-neutral HTTP response a handler returns.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tallinn::http {

inline constexpr std::string_view kJsonContentType = "application/json; charset=utf-8";

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  // besides Content-Type
  std::string body;
  std::string content_type;  // empty when there is no body

  // A JSON response. Strings that are not valid UTF-8 are replaced with
  // U+FFFD rather than throwing: a response is never lost to a bad byte.
  static Response json(int status, const nlohmann::json& body);
  // A response without a body (204 after a DELETE, for instance).
  static Response empty(int status);

  // Replaces every header of that name (case-insensitive) with one value.
  void set_header(std::string_view name, std::string value);
  std::optional<std::string_view> header(std::string_view name) const;
};

// Adds the security headers every response carries unless the handler chose
// its own value: X-Content-Type-Options: nosniff, X-Frame-Options: DENY,
// Referrer-Policy: no-referrer, Cache-Control: no-store and a
// Content-Security-Policy that allows nothing (API responses load nothing).
void add_security_headers(Response& response);

}  // namespace tallinn::http
