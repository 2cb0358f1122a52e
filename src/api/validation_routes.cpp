// The back office's validation work: the queue of submitted needs and the
// ranked duplicate candidates of one need.
#include "api/handler_support.h"
#include "api/json_input.h"

namespace tallinn::api {

void add_validation_routes(http::Router& router, Services& services) {
  auto& duplicates = services.duplicates;

  router.add(
      "GET", "/api/v1/validation-queue",
      signed_in(services, [&duplicates](const policy::Actor& actor, const http::Request& request,
                                        const http::PathParams&) {
        auto page = page_from_query(request);
        if (!page.is_ok()) return http::error_response(page.status());
        return reply_page(duplicates.queue(actor, *page));
      }));

  router.add("GET", "/api/v1/needs/{id}/duplicates",
             signed_in(services, [&duplicates](const policy::Actor& actor, const http::Request&,
                                               const http::PathParams& params) {
               return reply_items(duplicates.find(actor, params["id"]));
             }));
}

}  // namespace tallinn::api
