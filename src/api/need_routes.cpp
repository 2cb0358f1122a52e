// /api/v1/needs: list, count, create, read, edit, move through the lifecycle.
#include "api/handler_support.h"
#include "api/json_input.h"

namespace tallinn::api {

void add_need_routes(http::Router& router, Services& services) {
  auto& needs = services.needs;

  router.add("GET", "/api/v1/needs",
             signed_in(services, [&needs](const policy::Actor& actor, const http::Request& request,
                                          const http::PathParams&) {
               auto filter = need_filter_from_query(request);
               if (!filter.is_ok()) return http::error_response(filter.status());
               auto page = page_from_query(request);
               if (!page.is_ok()) return http::error_response(page.status());
               return reply_page(needs.list(actor, *filter, *page));
             }));

  router.add("GET", "/api/v1/needs/count",
             signed_in(services, [&needs](const policy::Actor& actor, const http::Request& request,
                                          const http::PathParams&) {
               auto filter = need_filter_from_query(request);
               if (!filter.is_ok()) return http::error_response(filter.status());
               return reply_count(needs.count(actor, *filter));
             }));

  router.add("POST", "/api/v1/needs",
             signed_in(services, [&needs](const policy::Actor& actor, const http::Request& request,
                                          const http::PathParams&) {
               return with_body(request, need_draft_from_json,
                                [&](const service::NeedDraft& draft) {
                                  return reply(needs.create(actor, draft), 201);
                                });
             }));

  router.add("GET", "/api/v1/needs/{id}",
             signed_in(services, [&needs](const policy::Actor& actor, const http::Request&,
                                          const http::PathParams& params) {
               return reply(needs.get(actor, params["id"]));
             }));

  router.add("PATCH", "/api/v1/needs/{id}",
             signed_in(services, [&needs](const policy::Actor& actor, const http::Request& request,
                                          const http::PathParams& params) {
               return with_body(request, need_patch_from_json,
                                [&](const service::NeedPatch& patch) {
                                  return reply(needs.update(actor, params["id"], patch));
                                });
             }));

  router.add("POST", "/api/v1/needs/{id}/transition",
             signed_in(services, [&needs](const policy::Actor& actor, const http::Request& request,
                                          const http::PathParams& params) {
               return with_body(request, need_move_from_json, [&](const service::NeedMove& move) {
                 return reply(needs.move(actor, params["id"], move));
               });
             }));
}

}  // namespace tallinn::api
