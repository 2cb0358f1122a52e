// The transport-neutral view of one HTTP request, as handlers see it.
//
// The server fills a Request from the wire; tests and the router build them
// directly. Everything in it is owned (no views into network buffers), so a
// Request can cross from an I/O thread to a worker thread.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace tallinn::http {

// Header fields in arrival order with case-insensitive lookup. A name may
// occur more than once; get() answers the first occurrence, count() says how
// many there are (the server refuses duplicates where they are ambiguous:
// Host, Authorization, Cookie, Content-Type).
class Headers {
 public:
  void add(std::string name, std::string value);
  std::optional<std::string_view> get(std::string_view name) const;
  size_t count(std::string_view name) const;
  const std::vector<std::pair<std::string, std::string>>& all() const { return fields_; }

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

// ASCII case-insensitive equality, as header names and tokens compare.
bool iequals(std::string_view a, std::string_view b);
// `text` without leading and trailing spaces and tabs (HTTP's OWS).
std::string_view trim_whitespace(std::string_view text);

struct Request {
  std::string method;  // upper case as sent: "GET", "POST", ...
  std::string target;  // raw request target: "/api/v1/needs?limit=10"
  std::string path;    // the target before '?', still percent-encoded; the router decodes segments
  // Decoded query parameters ('+' is a space). A parameter given twice makes
  // the request malformed (400) instead of picking one of the values: two
  // layers that disagree on which one wins is how parameter pollution works.
  std::map<std::string, std::string, std::less<>> query;
  Headers headers;
  // Cookies from the Cookie header; a name sent twice is dropped (see cookies.h).
  std::map<std::string, std::string, std::less<>> cookies;
  std::string body;
  std::string client_address;  // the peer's IP address as text

  std::optional<std::string_view> header(std::string_view name) const { return headers.get(name); }
  std::optional<std::string_view> query_param(std::string_view name) const;
};

struct Target {
  std::string path;
  std::map<std::string, std::string, std::less<>> query;
};

// Splits a request target into its path and decoded query. kMalformed when
// the target is not origin-form ("/..."), a percent escape is broken, a
// decoded name or value is not valid UTF-8 or holds a control character, or
// a parameter repeats (field = its name).
Result<Target> parse_target(std::string_view target);

// Decodes %XX escapes (and '+' as a space when `plus_is_space`). Returns
// nullopt on a broken escape or when the result is not clean UTF-8 without
// control characters.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

}  // namespace tallinn::http
