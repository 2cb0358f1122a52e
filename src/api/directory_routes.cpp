// /api/v1/organisations and /api/v1/users.
#include "api/handler_support.h"
#include "api/json_input.h"

namespace tallinn::api {

void add_directory_routes(http::Router& router, Services& services) {
  auto& directory = services.directory;

  router.add(
      "GET", "/api/v1/organisations",
      signed_in(services, [&directory](const policy::Actor& actor, const http::Request& request,
                                       const http::PathParams&) {
        auto page = page_from_query(request);
        if (!page.is_ok()) return http::error_response(page.status());
        return reply_page(directory.list_organisations(actor, *page));
      }));

  router.add(
      "POST", "/api/v1/organisations",
      signed_in(services, [&directory](const policy::Actor& actor, const http::Request& request,
                                       const http::PathParams&) {
        return with_body(request, organisation_draft_from_json,
                         [&](const service::OrganisationDraft& draft) {
                           return reply(directory.create_organisation(actor, draft), 201);
                         });
      }));

  router.add("GET", "/api/v1/organisations/{id}",
             signed_in(services, [&directory](const policy::Actor& actor, const http::Request&,
                                              const http::PathParams& params) {
               return reply(directory.organisation(actor, params["id"]));
             }));

  router.add(
      "PATCH", "/api/v1/organisations/{id}",
      signed_in(services, [&directory](const policy::Actor& actor, const http::Request& request,
                                       const http::PathParams& params) {
        return with_body(request, organisation_patch_from_json,
                         [&](const service::OrganisationPatch& patch) {
                           return reply(directory.update_organisation(actor, params["id"], patch));
                         });
      }));

  router.add(
      "GET", "/api/v1/users",
      signed_in(services, [&directory](const policy::Actor& actor, const http::Request& request,
                                       const http::PathParams&) {
        auto page = page_from_query(request);
        if (!page.is_ok()) return http::error_response(page.status());
        std::optional<Id> org;
        if (auto text = request.query_param("org")) org = std::string(*text);
        return reply_page(directory.list_users(actor, org, *page));
      }));

  router.add(
      "POST", "/api/v1/users",
      signed_in(services, [&directory](const policy::Actor& actor, const http::Request& request,
                                       const http::PathParams&) {
        return with_body(request, user_draft_from_json, [&](const service::UserDraft& draft) {
          return reply(directory.create_user(actor, draft), 201);
        });
      }));

  router.add("GET", "/api/v1/users/{id}",
             signed_in(services, [&directory](const policy::Actor& actor, const http::Request&,
                                              const http::PathParams& params) {
               return reply(directory.user(actor, params["id"]));
             }));

  router.add(
      "PATCH", "/api/v1/users/{id}",
      signed_in(services, [&directory](const policy::Actor& actor, const http::Request& request,
                                       const http::PathParams& params) {
        return with_body(request, user_patch_from_json, [&](const service::UserPatch& patch) {
          return reply(directory.update_user(actor, params["id"], patch));
        });
      }));

  router.add("DELETE", "/api/v1/users/{id}/sessions",
             signed_in(services, [&directory](const policy::Actor& actor, const http::Request&,
                                              const http::PathParams& params) {
               Status revoked = directory.revoke_sessions(actor, params["id"]);
               if (!revoked.is_ok()) return http::error_response(revoked);
               return http::Response::empty(204);
             }));
}

}  // namespace tallinn::api
