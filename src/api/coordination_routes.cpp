// The coordination workflow of api.md: matching runs, proposals,
// allocations, meetings, decisions, commitments, delivery, ledgers, coverage
// and the public summary.
#include <cctype>
#include <string>

#include "api/handler_support.h"
#include "api/json_input.h"

namespace tallinn::api {
namespace {

// Without ?limit= the allocation list answers the largest page, 200: the
// web pages and scripts that read a proposal's or a meeting's allocations
// in one request keep doing so for a proposal of up to 200 allocations
// (the demo's are far smaller); longer lists follow `next`.
constexpr int kAllocationPageDefault = 200;

std::string idempotency_key(const http::Request& request) {
  return std::string(request.header("Idempotency-Key").value_or(""));
}

// Routes whose body is empty or an empty object.
http::Response without_body(const http::Request& request,
                            const std::function<http::Response()>& use) {
  if (!request.body.empty()) {
    auto body = http::parse_json_body(request.body);
    if (!body.is_ok()) return http::error_response(body.status());
    Status known = http::reject_unknown_fields(*body, {});
    if (!known.is_ok()) return http::error_response(known);
  }
  return use();
}

// Content-Disposition for a download named by its uploader: `filename` keeps
// printable ASCII but quotes, backslashes and ';' (so the header cannot be
// split or extended), `filename*` (RFC 6266/5987) carries the exact name
// percent-encoded. Browsers prefer the latter.
std::string attachment_disposition(std::string_view name) {
  std::string plain;
  std::string encoded;
  constexpr std::string_view kHex = "0123456789ABCDEF";
  for (char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    const bool printable = byte >= 0x20 && byte < 0x7f;
    plain.push_back(printable && c != '"' && c != '\\' && c != ';' ? c : '_');
    if (std::isalnum(byte) || c == '.' || c == '-' || c == '_') {
      encoded.push_back(c);
    } else {
      encoded += '%';
      encoded += kHex[byte >> 4];
      encoded += kHex[byte & 0x0f];
    }
  }
  if (plain.empty()) plain = "attachment";
  return "attachment; filename=\"" + plain + "\"; filename*=UTF-8''" + encoded;
}

}  // namespace

void add_coordination_routes(http::Router& router, Services& services) {
  auto& work = services.coordination;
  auto& coverage = services.coverage;

  router.add("POST", "/api/v1/matching-runs",
             signed_in(services, [&work](const policy::Actor& actor, const http::Request& request,
                                         const http::PathParams&) {
               return with_body(request, time_limit_from_json, [&](double seconds) {
                 return reply(work.run_matching(actor, seconds), 201);
               });
             }));

  router.add("GET", "/api/v1/matching-runs/{id}",
             signed_in(services, [&work](const policy::Actor& actor, const http::Request&,
                                         const http::PathParams& params) {
               return reply(work.run(actor, params["id"]));
             }));

  router.add("POST", "/api/v1/proposals",
             signed_in(services, [&work](const policy::Actor& actor, const http::Request& request,
                                         const http::PathParams&) {
               return with_body(request, run_from_json, [&](const Id& run) {
                 return reply(work.propose(actor, run), 201);
               });
             }));

  router.add("GET", "/api/v1/allocations",
             signed_in(services, [&work](const policy::Actor& actor, const http::Request& request,
                                         const http::PathParams&) {
               auto filter = allocation_filter_from_query(request);
               if (!filter.is_ok()) return http::error_response(filter.status());
               auto page = page_from_query(request, kAllocationPageDefault);
               if (!page.is_ok()) return http::error_response(page.status());
               return reply_page(work.list_allocations(actor, *filter, *page));
             }));

  router.add("GET", "/api/v1/allocations/{id}",
             signed_in(services, [&work](const policy::Actor& actor, const http::Request&,
                                         const http::PathParams& params) {
               return reply(work.allocation(actor, params["id"]));
             }));

  // The bytes themselves, not JSON: nosniff (also a default header) and
  // attachment keep a browser from rendering an upload in the API's origin.
  router.add("GET", "/api/v1/allocations/{id}/reports/{report}/attachment",
             signed_in(services, [&work](const policy::Actor& actor, const http::Request&,
                                         const http::PathParams& params) {
               auto file = work.report_attachment(actor, params["id"], params["report"]);
               if (!file.is_ok()) return http::error_response(file.status());
               http::Response response;
               response.content_type = file->content_type;
               response.body = std::move(file->bytes);
               response.set_header("Content-Disposition", attachment_disposition(file->name));
               response.set_header("X-Content-Type-Options", "nosniff");
               return response;
             }));

  router.add("POST", "/api/v1/meetings",
             signed_in(services, [&work](const policy::Actor& actor, const http::Request& request,
                                         const http::PathParams&) {
               return with_body(request, meeting_draft_from_json,
                                [&](const service::MeetingDraft& draft) {
                                  return reply(work.create_meeting(actor, draft), 201);
                                });
             }));

  router.add("GET", "/api/v1/meetings/{id}",
             signed_in(services, [&work](const policy::Actor& actor, const http::Request&,
                                         const http::PathParams& params) {
               return reply(work.meeting(actor, params["id"]));
             }));

  router.add("POST", "/api/v1/meetings/{id}/open",
             signed_in(services, [&work](const policy::Actor& actor, const http::Request& request,
                                         const http::PathParams& params) {
               return without_body(request,
                                   [&] { return reply(work.open_meeting(actor, params["id"])); });
             }));

  router.add("POST", "/api/v1/meetings/{id}/close",
             signed_in(services, [&work](const policy::Actor& actor, const http::Request& request,
                                         const http::PathParams& params) {
               if (request.body.empty()) {
                 return reply(work.close_meeting(actor, params["id"], {}));
               }
               return with_body(request, meeting_close_from_json,
                                [&](const service::MeetingClose& close) {
                                  return reply(work.close_meeting(actor, params["id"], close));
                                });
             }));

  router.add("POST", "/api/v1/allocations/{id}/decision",
             signed_in(services, [&work](const policy::Actor& actor, const http::Request& request,
                                         const http::PathParams& params) {
               return with_body(request, decision_from_json,
                                [&](const service::DecisionInput& input) {
                                  return reply(work.decide(actor, params["id"], input));
                                });
             }));

  router.add("POST", "/api/v1/allocations/{id}/commit",
             signed_in(services, [&work](const policy::Actor& actor, const http::Request& request,
                                         const http::PathParams& params) {
               return without_body(request, [&] {
                 return reply(work.commit(actor, params["id"], idempotency_key(request)));
               });
             }));

  router.add("POST", "/api/v1/allocations/{id}/decline",
             signed_in(services, [&work](const policy::Actor& actor, const http::Request& request,
                                         const http::PathParams& params) {
               return without_body(request, [&] {
                 return reply(work.decline(actor, params["id"], idempotency_key(request)));
               });
             }));

  router.add("POST", "/api/v1/allocations/{id}/assign",
             signed_in(services, [&work](const policy::Actor& actor, const http::Request& request,
                                         const http::PathParams& params) {
               return with_body(request, implementer_from_json, [&](const Id& implementer) {
                 return reply(work.assign(actor, params["id"], implementer));
               });
             }));

  router.add("POST", "/api/v1/allocations/{id}/reports",
             signed_in(services, [&work](const policy::Actor& actor, const http::Request& request,
                                         const http::PathParams& params) {
               return with_body(request, report_from_json, [&](const service::ReportInput& input) {
                 return reply(work.report(actor, params["id"], input), 201);
               });
             }));

  router.add("POST", "/api/v1/allocations/{id}/verify",
             signed_in(services, [&work](const policy::Actor& actor, const http::Request& request,
                                         const http::PathParams& params) {
               return without_body(request,
                                   [&] { return reply(work.verify(actor, params["id"])); });
             }));

  router.add("GET", "/api/v1/offers/{id}/ledger",
             signed_in(services, [&coverage](const policy::Actor& actor, const http::Request&,
                                             const http::PathParams& params) {
               return reply(coverage.offer_ledger(actor, params["id"]));
             }));

  router.add("GET", "/api/v1/needs/{id}/ledger",
             signed_in(services, [&coverage](const policy::Actor& actor, const http::Request&,
                                             const http::PathParams& params) {
               return reply(coverage.need_ledger(actor, params["id"]));
             }));

  router.add(
      "GET", "/api/v1/coverage",
      signed_in(services, [&coverage](const policy::Actor& actor, const http::Request& request,
                                      const http::PathParams&) {
        // Suppressed audiences get no filters: a filtered query could
        // be differenced against an unfiltered one.
        auto by = coverage_by_from_query(request);
        if (!by.is_ok()) return http::error_response(by.status());
        return reply(coverage.coverage(actor, *by));
      }));

  router.add("GET", "/api/v1/coverage/unfunded",
             signed_in(services, [&coverage](const policy::Actor& actor, const http::Request&,
                                             const http::PathParams&) {
               return reply(coverage.unfunded_critical(actor));
             }));

  router.add("GET", "/api/v1/coverage/donors",
             signed_in(services, [&coverage](const policy::Actor& actor, const http::Request&,
                                             const http::PathParams&) {
               return reply(coverage.donor_portfolios(actor));
             }));

  router.add("GET", "/api/v1/public/summary",
             [&coverage](const http::Request& request, const http::PathParams&) {
               auto page = page_from_query(request);
               if (!page.is_ok()) return http::error_response(page.status());
               return reply(coverage.public_summary(*page));
             });
}

}  // namespace tallinn::api
