// GET /api/v1/audit: the trail, newest first, for the back office and admins.
// GET /api/v1/{needs,offers,allocations}/{id}/history: one record's entries,
// for whoever may read that record. No route changes the trail.
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

  // Beside each record's own routes, answering 404 exactly where its GET does.
  const std::pair<const char*, service::HistoryOf> kHistories[] = {
      {"/api/v1/needs/{id}/history", service::HistoryOf::kNeed},
      {"/api/v1/offers/{id}/history", service::HistoryOf::kOffer},
      {"/api/v1/allocations/{id}/history", service::HistoryOf::kAllocation},
  };
  // Not a structured binding: clang 14 (the fuzz and sanitizer build) cannot
  // capture one in a lambda.
  for (const auto& history : kHistories) {
    const service::HistoryOf kind = history.second;
    router.add("GET", history.first,
               signed_in(services, [&services, kind](const policy::Actor& actor,
                                                     const http::Request& request,
                                                     const http::PathParams& params) {
                 auto page = page_from_query(request);
                 if (!page.is_ok()) return http::error_response(page.status());
                 return reply_page(services.audit.history(actor, kind, params["id"], *page));
               }));
  }
}

}  // namespace tallinn::api
