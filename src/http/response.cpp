#include "http/response.h"

#include "http/request.h"

namespace tallinn::http {

Response Response::json(int status, const nlohmann::json& body) {
  Response response;
  response.status = status;
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  response.content_type = std::string(kJsonContentType);
  return response;
}

Response Response::empty(int status) {
  Response response;
  response.status = status;
  return response;
}

void Response::set_header(std::string_view name, std::string value) {
  std::erase_if(headers, [&](const auto& field) { return iequals(field.first, name); });
  headers.emplace_back(std::string(name), std::move(value));
}

std::optional<std::string_view> Response::header(std::string_view name) const {
  for (const auto& [field, value] : headers) {
    if (iequals(field, name)) return std::string_view(value);
  }
  return std::nullopt;
}

void add_security_headers(Response& response) {
  static constexpr std::pair<std::string_view, std::string_view> kDefaults[] = {
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
      {"Cache-Control", "no-store"},
      {"Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"},
  };
  for (const auto& [name, value] : kDefaults) {
    if (!response.header(name)) response.headers.emplace_back(name, value);
  }
}

}  // namespace tallinn::http
