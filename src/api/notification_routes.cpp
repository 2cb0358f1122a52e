// /api/v1/notifications: the signed-in user's inbox.
#include "api/handler_support.h"
#include "api/json_input.h"

namespace tallinn::api {

void add_notification_routes(http::Router& router, Services& services) {
  auto& notifications = services.notifications;

  router.add(
      "GET", "/api/v1/notifications",
      signed_in(services, [&notifications](const policy::Actor& actor, const http::Request& request,
                                           const http::PathParams&) {
        auto page = page_from_query(request);
        if (!page.is_ok()) return http::error_response(page.status());
        return reply_page(notifications.list(actor, *page));
      }));

  router.add("POST", "/api/v1/notifications/{id}/read",
             signed_in(services, [&notifications](const policy::Actor& actor, const http::Request&,
                                                  const http::PathParams& params) {
               return reply(notifications.mark_read(actor, params["id"]));
             }));
}

}  // namespace tallinn::api
