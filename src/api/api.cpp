#include "api/api.h"

#include "api/handler_support.h"
#include "http/cookies.h"
#include "service/domain.h"

namespace tallinn::api {

Api::Api(service::Context& context, ApiOptions options)
    : services_(std::make_unique<Services>(context, options)) {}

Api::~Api() = default;

void Api::install(http::Router& router) {
  add_session_routes(router, *services_);
  add_need_routes(router, *services_);
  add_offer_routes(router, *services_);
  add_directory_routes(router, *services_);
  add_audit_routes(router, *services_);
  add_coordination_routes(router, *services_);
  add_system_routes(router, *services_);
  add_assessment_routes(router, *services_);
  add_validation_routes(router, *services_);
  add_notification_routes(router, *services_);
}

// A browser attaches the session cookie to any request, including a form
// posted by another site; it sends a custom header only from our own pages
// (another origin would need a CORS preflight, which this server never
// grants). So a cookie-authenticated request that changes state must carry
// X-Requested-With. Bearer tokens are never sent by a browser on its own.
bool csrf_safe(const http::Request& request) {
  if (request.header("Authorization")) return true;
  if (request.method == "GET" || request.method == "HEAD") return true;
  auto marker = request.header("X-Requested-With");
  return marker && !marker->empty();
}

http::Response csrf_refusal() {
  return http::error_response(
      Status(ErrorCode::kForbidden, "a cookie-authenticated change needs X-Requested-With"));
}

Status same_domain_peer(const http::Request& request) {
  auto declared = request.header(service::kDomainHeader);
  if (!declared) return Status::ok();
  return service::require_same_domain(*declared, service::kDomainHeader);
}

http::Handler signed_in(Services& services, ActorHandler handler) {
  return [&services, handler = std::move(handler)](const http::Request& request,
                                                   const http::PathParams& params) {
    Status peer = same_domain_peer(request);
    if (!peer.is_ok()) return http::error_response(peer);
    std::optional<std::string> token = http::session_token(request, services.cookie());
    if (!token) {
      return http::error_response(Status(ErrorCode::kUnauthenticated, "sign in first"));
    }
    auto actor = services.sessions.authenticate(*token);
    if (!actor.is_ok()) return http::error_response(actor.status());
    if (!csrf_safe(request)) return csrf_refusal();
    return handler(*actor, request, params);
  };
}

http::Response reply_count(const Result<int64_t>& result) {
  if (!result.is_ok()) return http::error_response(result.status());
  return http::Response::json(200, {{"count", *result}});
}

}  // namespace tallinn::api
