// POST /api/v1/session (sign in), GET (who am I), DELETE (sign out).
#include "api/handler_support.h"
#include "http/cookies.h"

namespace tallinn::api {
namespace {

struct Credentials {
  std::string email;
  std::string password;
};

Result<Credentials> credentials_from_json(const nlohmann::json& body) {
  TALLINN_RETURN_IF_ERROR(http::reject_unknown_fields(body, {"email", "password"}));
  Credentials credentials;
  TALLINN_ASSIGN_OR_RETURN(credentials.email, http::string_field(body, "email"));
  TALLINN_ASSIGN_OR_RETURN(credentials.password, http::string_field(body, "password"));
  return credentials;
}

}  // namespace

void add_session_routes(http::Router& router, Services& services) {
  router.add(
      "POST", "/api/v1/session",
      [&services](const http::Request& request, const http::PathParams&) {
        return with_body(request, credentials_from_json, [&](const Credentials& credentials) {
          auto signed_in = services.sessions.sign_in(credentials.email, credentials.password,
                                                     request.client_address);
          if (!signed_in.is_ok()) {
            auto refusal = http::error_response(signed_in.status());
            if (signed_in.status().code() == ErrorCode::kRateLimited) {
              int64_t wait =
                  services.sessions.retry_after_seconds(credentials.email, request.client_address);
              refusal.set_header("Retry-After", std::to_string(std::max<int64_t>(1, wait)));
            }
            return refusal;
          }
          auto response =
              http::Response::json(200, {{"token", signed_in->token},
                                         {"user", to_json(signed_in->user)},
                                         {"expires_at", format_timestamp(signed_in->expires_at)}});
          response.headers.emplace_back(
              "Set-Cookie",
              http::session_cookie(signed_in->token, {.secure = services.options.secure_cookies}));
          return response;
        });
      });

  router.add("GET", "/api/v1/session",
             signed_in(services, [&services](const policy::Actor& actor, const http::Request&,
                                             const http::PathParams&) {
               return reply(services.directory.user(actor, actor.user));
             }));

  router.add("DELETE", "/api/v1/session",
             [&services](const http::Request& request, const http::PathParams&) {
               if (!csrf_safe(request)) return csrf_refusal();
               std::optional<std::string> token = http::session_token(request);
               if (token) {
                 Status ended = services.sessions.sign_out(*token);
                 if (!ended.is_ok()) return http::error_response(ended);
               }
               auto response = http::Response::empty(204);
               response.headers.emplace_back(
                   "Set-Cookie",
                   http::clear_session_cookie({.secure = services.options.secure_cookies}));
               return response;
             });
}

}  // namespace tallinn::api
