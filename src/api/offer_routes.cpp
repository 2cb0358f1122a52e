// /api/v1/offers: list, count, create, read, edit.
#include "api/handler_support.h"
#include "api/json_input.h"

namespace tallinn::api {

void add_offer_routes(http::Router& router, Services& services) {
  auto& offers = services.offers;

  router.add("GET", "/api/v1/offers",
             signed_in(services, [&offers](const policy::Actor& actor, const http::Request& request,
                                           const http::PathParams&) {
               auto filter = offer_filter_from_query(request);
               if (!filter.is_ok()) return http::error_response(filter.status());
               auto page = page_from_query(request);
               if (!page.is_ok()) return http::error_response(page.status());
               return reply_page(offers.list(actor, *filter, *page));
             }));

  router.add("GET", "/api/v1/offers/count",
             signed_in(services, [&offers](const policy::Actor& actor, const http::Request& request,
                                           const http::PathParams&) {
               auto filter = offer_filter_from_query(request);
               if (!filter.is_ok()) return http::error_response(filter.status());
               return reply_count(offers.count(actor, *filter));
             }));

  router.add("POST", "/api/v1/offers",
             signed_in(services, [&offers](const policy::Actor& actor, const http::Request& request,
                                           const http::PathParams&) {
               return with_body(request, offer_draft_from_json,
                                [&](const service::OfferDraft& draft) {
                                  return reply(offers.create(actor, draft), 201);
                                });
             }));

  router.add("GET", "/api/v1/offers/{id}",
             signed_in(services, [&offers](const policy::Actor& actor, const http::Request&,
                                           const http::PathParams& params) {
               return reply(offers.get(actor, params["id"]));
             }));

  router.add("PATCH", "/api/v1/offers/{id}",
             signed_in(services, [&offers](const policy::Actor& actor, const http::Request& request,
                                           const http::PathParams& params) {
               return with_body(request, offer_patch_from_json,
                                [&](const service::OfferPatch& patch) {
                                  return reply(offers.update(actor, params["id"], patch));
                                });
             }));
}

}  // namespace tallinn::api
