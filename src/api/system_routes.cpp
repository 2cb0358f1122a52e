// GET /healthz and GET /api/openapi.json.
#include "api/handler_support.h"
#include "api/openapi.h"

namespace tallinn::api {

void add_system_routes(http::Router& router, Services& services) {
  router.add("GET", "/healthz", [&services](const http::Request&, const http::PathParams&) {
    Status reachable = services.context.store.ping();
    if (!reachable.is_ok()) {
      return http::error_response(
          Status(ErrorCode::kUnavailable, "the database cannot be reached"));
    }
    return http::Response::json(200, {{"status", "ok"}});
  });

  router.add("GET", "/api/openapi.json", [](const http::Request&, const http::PathParams&) {
    http::Response response;
    response.status = 200;
    response.content_type = std::string(http::kJsonContentType);
    response.body = std::string(openapi_document());
    return response;
  });
}

}  // namespace tallinn::api
