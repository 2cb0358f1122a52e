// POST /api/v1/session (sign in), GET (who am I), DELETE (sign out);
// POST /api/v1/session/totp (enrol an authenticator) and
// POST /api/v1/session/password (change the password).
#include "api/handler_support.h"
#include "http/cookies.h"

namespace tallinn::api {
namespace {

Result<service::SignInRequest> sign_in_from_json(const nlohmann::json& body) {
  TALLINN_RETURN_IF_ERROR(
      http::reject_unknown_fields(body, {"email", "password", "totp", "recovery_code"}));
  service::SignInRequest request;
  TALLINN_ASSIGN_OR_RETURN(request.email, http::string_field(body, "email"));
  TALLINN_ASSIGN_OR_RETURN(request.password, http::string_field(body, "password"));
  TALLINN_ASSIGN_OR_RETURN(auto totp, http::optional_string_field(body, "totp"));
  TALLINN_ASSIGN_OR_RETURN(auto recovery_code, http::optional_string_field(body, "recovery_code"));
  request.totp = totp.value_or("");
  request.recovery_code = recovery_code.value_or("");
  if (!request.totp.empty() && !request.recovery_code.empty()) {
    return invalid("recovery_code", "send either totp or recovery_code, not both");
  }
  return request;
}

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

struct PasswordChange {
  std::string current_password;
  std::string new_password;
};

Result<PasswordChange> password_change_from_json(const nlohmann::json& body) {
  TALLINN_RETURN_IF_ERROR(http::reject_unknown_fields(body, {"current_password", "new_password"}));
  PasswordChange change;
  TALLINN_ASSIGN_OR_RETURN(change.current_password, http::string_field(body, "current_password"));
  TALLINN_ASSIGN_OR_RETURN(change.new_password, http::string_field(body, "new_password"));
  return change;
}

// The refusal of a sign-in or an enrolment, with Retry-After on a 429.
http::Response refusal(Services& services, const Status& status, const std::string& email,
                       const http::Request& request) {
  auto response = http::error_response(status);
  if (status.code() == ErrorCode::kRateLimited) {
    int64_t wait = services.sessions.retry_after_seconds(email, request.client_address);
    response.set_header("Retry-After", std::to_string(std::max<int64_t>(1, wait)));
  }
  return response;
}

}  // namespace

void add_session_routes(http::Router& router, Services& services) {
  router.add(
      "POST", "/api/v1/session",
      [&services](const http::Request& request, const http::PathParams&) {
        Status peer = same_domain_peer(request);
        if (!peer.is_ok()) return http::error_response(peer);
        return with_body(request, sign_in_from_json, [&](const service::SignInRequest& sign_in) {
          auto signed_in = services.sessions.sign_in(sign_in, request.client_address);
          if (!signed_in.is_ok()) {
            return refusal(services, signed_in.status(), sign_in.email, request);
          }
          // Signing in again ends the session the client held (ASVS V7.2.4).
          if (auto previous = http::session_token(request, services.cookie())) {
            Status ended = services.sessions.sign_out(*previous);
            if (!ended.is_ok()) return http::error_response(ended);
          }
          nlohmann::json body = {{"token", signed_in->token},
                                 {"user", to_json(signed_in->user)},
                                 {"expires_at", format_timestamp(signed_in->expires_at)}};
          if (!signed_in->recovery_codes.empty()) {
            body["recovery_codes"] = signed_in->recovery_codes;
          }
          auto response = http::Response::json(200, body);
          response.headers.emplace_back("Set-Cookie",
                                        http::session_cookie(signed_in->token, services.cookie()));
          return response;
        });
      });

  router.add("POST", "/api/v1/session/totp",
             [&services](const http::Request& request, const http::PathParams&) {
               return with_body(
                   request, credentials_from_json, [&](const Credentials& credentials) {
                     auto enrolment = services.sessions.enrol_totp(
                         credentials.email, credentials.password, request.client_address);
                     if (!enrolment.is_ok()) {
                       return refusal(services, enrolment.status(), credentials.email, request);
                     }
                     return http::Response::json(
                         201, {{"secret", enrolment->secret}, {"uri", enrolment->uri}});
                   });
             });

  router.add(
      "POST", "/api/v1/session/password",
      signed_in(services, [&services](const policy::Actor& actor, const http::Request& request,
                                      const http::PathParams&) {
        return with_body(request, password_change_from_json, [&](const PasswordChange& change) {
          Status changed = services.sessions.change_password(
              actor, change.current_password, change.new_password, request.client_address);
          if (!changed.is_ok()) return http::error_response(changed);
          auto response = http::Response::empty(204);
          response.headers.emplace_back("Set-Cookie",
                                        http::clear_session_cookie(services.cookie()));
          return response;
        });
      }));

  router.add("GET", "/api/v1/session",
             signed_in(services, [&services](const policy::Actor& actor, const http::Request&,
                                             const http::PathParams&) {
               return reply(services.directory.user(actor, actor.user));
             }));

  router.add("DELETE", "/api/v1/session",
             [&services](const http::Request& request, const http::PathParams&) {
               if (!csrf_safe(request)) return csrf_refusal();
               std::optional<std::string> token = http::session_token(request, services.cookie());
               if (token) {
                 Status ended = services.sessions.sign_out(*token);
                 if (!ended.is_ok()) return http::error_response(ended);
               }
               auto response = http::Response::empty(204);
               response.headers.emplace_back("Set-Cookie",
                                             http::clear_session_cookie(services.cookie()));
               return response;
             });
}

}  // namespace tallinn::api
