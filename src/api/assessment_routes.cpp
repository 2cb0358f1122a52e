// /api/v1/assessments: create, list, read, and derive draft needs from gaps.
#include "api/handler_support.h"
#include "api/json_input.h"

namespace tallinn::api {

void add_assessment_routes(http::Router& router, Services& services) {
  auto& assessments = services.assessments;

  router.add(
      "GET", "/api/v1/assessments",
      signed_in(services, [&assessments](const policy::Actor& actor, const http::Request& request,
                                         const http::PathParams&) {
        auto filter = assessment_filter_from_query(request);
        if (!filter.is_ok()) return http::error_response(filter.status());
        auto page = page_from_query(request);
        if (!page.is_ok()) return http::error_response(page.status());
        return reply_page(assessments.list(actor, *filter, *page));
      }));

  router.add(
      "POST", "/api/v1/assessments",
      signed_in(services, [&assessments](const policy::Actor& actor, const http::Request& request,
                                         const http::PathParams&) {
        return with_body(request, assessment_draft_from_json,
                         [&](const service::AssessmentDraft& draft) {
                           return reply(assessments.create(actor, draft), 201);
                         });
      }));

  router.add("GET", "/api/v1/assessments/{id}",
             signed_in(services, [&assessments](const policy::Actor& actor, const http::Request&,
                                                const http::PathParams& params) {
               return reply(assessments.get(actor, params["id"]));
             }));

  router.add("POST", "/api/v1/assessments/{id}/needs",
             signed_in(services, [&assessments](const policy::Actor& actor, const http::Request&,
                                                const http::PathParams& params) {
               return reply_items(assessments.create_needs(actor, params["id"]), 201);
             }));
}

}  // namespace tallinn::api
