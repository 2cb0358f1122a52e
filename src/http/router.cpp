#include "http/router.h"

#include <optional>
#include <stdexcept>

#include "http/errors.h"

namespace tallinn::http {

namespace {

constexpr std::string_view kKnownMethods[] = {"GET",   "HEAD",   "POST",   "PUT",
                                              "PATCH", "DELETE", "OPTIONS"};

bool is_known_method(std::string_view method) {
  for (std::string_view known : kKnownMethods) {
    if (known == method) return true;
  }
  return false;
}

bool is_parameter(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// "/a/b/" -> {"a", "b", ""}; the leading '/' is required by the callers.
std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> segments;
  path.remove_prefix(1);
  while (true) {
    size_t slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

// How well `segments` match `route`: nullopt when they do not, otherwise one
// flag per segment (1 = literal) so that comparing scores prefers literals
// from the left.
std::optional<std::vector<int>> match_score(const std::vector<std::string>& route,
                                            const std::vector<std::string>& segments) {
  if (route.size() != segments.size()) return std::nullopt;
  std::vector<int> score(route.size());
  for (size_t i = 0; i < route.size(); ++i) {
    if (is_parameter(route[i])) {
      if (segments[i].empty()) return std::nullopt;
      score[i] = 0;
    } else {
      if (route[i] != segments[i]) return std::nullopt;
      score[i] = 1;
    }
  }
  return score;
}

std::string allow_header(const std::map<std::string, Handler>& handlers) {
  std::string allow;
  for (const auto& [method, handler] : handlers) {
    if (!allow.empty()) allow += ", ";
    allow += method;
  }
  return allow;
}

}  // namespace

void PathParams::add(std::string name, std::string value) {
  values_.emplace_back(std::move(name), std::move(value));
}

const std::string& PathParams::get(std::string_view name) const {
  for (const auto& [key, value] : values_) {
    if (key == name) return value;
  }
  throw std::out_of_range("route has no path parameter " + std::string(name));
}

void Router::add(std::string method, std::string pattern, Handler handler) {
  if (!is_known_method(method)) throw std::invalid_argument("unsupported method " + method);
  if (pattern.empty() || pattern.front() != '/') {
    throw std::invalid_argument("pattern must start with '/': " + pattern);
  }
  Route& route = routes_[pattern];
  if (route.segments.empty()) {
    for (std::string_view segment : split_path(pattern)) route.segments.emplace_back(segment);
  }
  if (!route.handlers.emplace(std::move(method), std::move(handler)).second) {
    throw std::invalid_argument("route registered twice: " + pattern);
  }
}

void Router::set_fallback(Handler handler) { fallback_ = std::move(handler); }

std::vector<RouteInfo> Router::routes() const {
  std::vector<RouteInfo> list;
  for (const auto& [pattern, route] : routes_) {
    for (const auto& [method, handler] : route.handlers) list.push_back({method, pattern});
  }
  return list;
}

Router::Outcome Router::dispatch(const Request& request) const {
  if (request.path.empty() || request.path.front() != '/') {
    return {error_response(malformed("request target must be a path")), ""};
  }
  std::vector<std::string> segments;
  for (std::string_view raw : split_path(request.path)) {
    auto decoded = percent_decode(raw, /*plus_is_space=*/false);
    if (!decoded) return {error_response(malformed("path is malformed")), ""};
    segments.push_back(std::move(*decoded));
  }

  const std::pair<const std::string, Route>* best = nullptr;
  std::vector<int> best_score;
  for (const auto& entry : routes_) {
    auto score = match_score(entry.second.segments, segments);
    if (score && (best == nullptr || *score > best_score)) {
      best = &entry;
      best_score = std::move(*score);
    }
  }
  if (best == nullptr && fallback_ && request.method == "GET") {
    return {fallback_(request, PathParams()), "*"};
  }
  if (best == nullptr && is_known_method(request.method)) {
    return {error_response(not_found()), ""};
  }

  const std::string pattern = best ? best->first : std::string();
  auto handler = best ? best->second.handlers.find(request.method)
                      : std::map<std::string, Handler>::const_iterator();
  if (best == nullptr || handler == best->second.handlers.end()) {
    Response response = error_response(405, "method_not_allowed", "method not allowed");
    response.set_header("Allow", best ? allow_header(best->second.handlers) : std::string());
    return {std::move(response), pattern};
  }

  PathParams params;
  const Route& route = best->second;
  for (size_t i = 0; i < route.segments.size(); ++i) {
    const std::string& segment = route.segments[i];
    if (is_parameter(segment)) {
      params.add(segment.substr(1, segment.size() - 2), std::move(segments[i]));
    }
  }
  return {handler->second(request, params), pattern};
}

}  // namespace tallinn::http
