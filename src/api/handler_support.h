// What every handler does the same way: find the actor, read the body,
// answer with a record, a page or the error body.
#pragma once

#include <functional>

#include "api/api.h"
#include "api/json_mapping.h"
#include "http/cookies.h"
#include "http/errors.h"
#include "http/json.h"
#include "http/router.h"
#include "policy/access.h"
#include "service/assessment_service.h"
#include "service/audit_service.h"
#include "service/coordination_service.h"
#include "service/coverage_service.h"
#include "service/directory_service.h"
#include "service/duplicate_service.h"
#include "service/need_service.h"
#include "service/notifications.h"
#include "service/offer_service.h"
#include "service/session_service.h"

namespace tallinn::api {

struct Api::Services {
  explicit Services(service::Context& context, ApiOptions options)
      : context(context),
        options(options),
        sessions(context),
        needs(context),
        offers(context),
        directory(context),
        audit(context),
        coordination(context),
        coverage(context),
        assessments(context),
        duplicates(context),
        notifications(context) {}

  // How the session cookie is named, marked and read (http/cookies.h).
  http::SessionCookieOptions cookie() const { return {.secure = options.secure_cookies}; }

  service::Context& context;
  ApiOptions options;
  service::SessionService sessions;
  service::NeedService needs;
  service::OfferService offers;
  service::DirectoryService directory;
  service::AuditService audit;
  service::CoordinationService coordination;
  service::CoverageService coverage;
  service::AssessmentService assessments;
  service::DuplicateService duplicates;
  service::NotificationService notifications;
};
using Services = Api::Services;

// Cross-site request forgery: false for a state-changing request (not GET or
// HEAD) authenticated by the session cookie without an X-Requested-With
// header, which pages of another origin cannot send. signed_in() applies it;
// csrf_refusal() is the 403 to answer.
bool csrf_safe(const http::Request& request);
http::Response csrf_refusal();

// OK unless the request declares (Tallinn-Domain) that it comes from a peer
// of another domain than this build's; such a peer is refused (403) before
// anything else, signed in or not.
Status same_domain_peer(const http::Request& request);

// A handler that runs only for a signed-in actor (else 401; 403 when
// csrf_safe() fails).
using ActorHandler = std::function<http::Response(const policy::Actor&, const http::Request&,
                                                  const http::PathParams&)>;
http::Handler signed_in(Services& services, ActorHandler handler);

// 200 (or `status`) with the record's JSON, or the error body.
template <typename T>
http::Response reply(const Result<T>& result, int status = 200) {
  if (!result.is_ok()) return http::error_response(result.status());
  return http::Response::json(status, to_json(*result));
}

template <typename T>
http::Response reply_page(const Result<T>& result) {
  if (!result.is_ok()) return http::error_response(result.status());
  return http::Response::json(200, page_to_json(*result));
}

// 200 (or `status`) with {"items": [...]}, for a list that is not paged.
template <typename T>
http::Response reply_items(const Result<std::vector<T>>& result, int status = 200) {
  if (!result.is_ok()) return http::error_response(result.status());
  return http::Response::json(status, items_to_json(*result));
}

http::Response reply_count(const Result<int64_t>& result);

// Parses the body as a JSON object and converts it with `convert`, then
// calls `use` with the converted input; any refusal becomes the error body.
template <typename Convert, typename Use>
http::Response with_body(const http::Request& request, Convert convert, Use use) {
  auto body = http::parse_json_body(request.body);
  if (!body.is_ok()) return http::error_response(body.status());
  auto input = convert(*body);
  if (!input.is_ok()) return http::error_response(input.status());
  return use(*input);
}

void add_session_routes(http::Router& router, Services& services);
void add_need_routes(http::Router& router, Services& services);
void add_offer_routes(http::Router& router, Services& services);
void add_directory_routes(http::Router& router, Services& services);
void add_audit_routes(http::Router& router, Services& services);
void add_coordination_routes(http::Router& router, Services& services);
void add_system_routes(http::Router& router, Services& services);
void add_assessment_routes(http::Router& router, Services& services);
void add_validation_routes(http::Router& router, Services& services);
void add_notification_routes(http::Router& router, Services& services);

}  // namespace tallinn::api
