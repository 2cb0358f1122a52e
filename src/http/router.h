// Routes from (method, path pattern) to synchronous handlers.
//
// Patterns are literal segments and "{name}" parameters:
// "/api/v1/needs/{id}/transition". A parameter matches one non-empty,
// percent-decoded segment; where a literal and a parameter could both match,
// the literal wins. Add every route before the server starts: lookups take
// no lock, so the Router must not change while requests are served.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/request.h"
#include "http/response.h"

namespace tallinn::http {

// The decoded values of a matched pattern's parameters.
class PathParams {
 public:
  void add(std::string name, std::string value);
  // The value of a parameter of the matched pattern. Asking for a name the
  // pattern does not have is a programmer error: it throws std::out_of_range
  // (the server answers 500).
  const std::string& get(std::string_view name) const;
  const std::string& operator[](std::string_view name) const { return get(name); }

 private:
  std::vector<std::pair<std::string, std::string>> values_;
};

// Runs on a worker thread, may block, must be thread-safe. An exception
// escaping it becomes a 500 with a generic body (and a log line).
using Handler = std::function<Response(const Request&, const PathParams&)>;

struct RouteInfo {
  std::string method;
  std::string pattern;
  friend bool operator==(const RouteInfo&, const RouteInfo&) = default;
};

class Router {
 public:
  // Registers a handler. `method` is an upper-case token other than TRACE
  // and CONNECT; `pattern` starts with '/'. Registering the same (method,
  // pattern) twice, or a malformed pattern, throws std::invalid_argument.
  void add(std::string method, std::string pattern, Handler handler);

  // Every registered route, sorted by pattern then method: the list to
  // compare with the OpenAPI document.
  std::vector<RouteInfo> routes() const;

  // The handler for a GET whose path matches no registered pattern (the
  // single-page application's files and its index.html). It sees an empty
  // PathParams, and the Outcome's pattern is "*". Without one, such a GET is
  // a 404 as before. Other methods never reach it.
  void set_fallback(Handler handler);

  struct Outcome {
    Response response;
    std::string pattern;  // the matched pattern, or empty when none matched
  };
  // Finds and runs the handler. No match: 404 error body. The path matches
  // but not the method, or the method is TRACE, CONNECT or unknown: 405 with
  // an Allow header listing the path's methods. A path whose escapes do not
  // decode to clean UTF-8: 400. Exceptions from the handler propagate.
  Outcome dispatch(const Request& request) const;

 private:
  struct Route {
    std::vector<std::string> segments;        // "{id}" marks a parameter
    std::map<std::string, Handler> handlers;  // by method
  };
  std::map<std::string, Route> routes_;  // by pattern
  Handler fallback_;
};

}  // namespace tallinn::http
