// GET /api/v1/audit: the trail, newest first, for the back office and admins.
// No route changes the trail.
#include "api/handler_support.h"
#include "api/json_input.h"

namespace tallinn::api {

void add_audit_routes(http::Router& router, Services& services) {
  router.add(
      "GET", "/api/v1/audit",
      signed_in(services, [&services](const policy::Actor& actor, const http::Request& request,
                                      const http::PathParams&) {
        auto page = page_from_query(request);
        if (!page.is_ok()) return http::error_response(page.status());
        return reply_page(services.audit.list(actor, *page));
      }));
}

}  // namespace tallinn::api
