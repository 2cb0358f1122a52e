// Request bodies and query strings into service inputs: the other half of
// the one JSON mapping per type (json_mapping.h writes, this reads). Every
// refusal names the field as the client spelled it; a field that is not
// part of a body is refused (mass assignment: "status", "creator", ...).
#pragma once

#include <nlohmann/json.hpp>

#include "http/request.h"
#include "service/assessment_service.h"
#include "service/coordination_service.h"
#include "service/coverage_service.h"
#include "service/directory_service.h"
#include "service/need_service.h"
#include "service/offer_service.h"
#include "store/store.h"

namespace tallinn::api {

Result<service::NeedDraft> need_draft_from_json(const nlohmann::json& body);
Result<service::NeedPatch> need_patch_from_json(const nlohmann::json& body);
Result<service::NeedMove> need_move_from_json(const nlohmann::json& body);
Result<service::OfferDraft> offer_draft_from_json(const nlohmann::json& body);
Result<service::OfferPatch> offer_patch_from_json(const nlohmann::json& body);
Result<service::OrganisationDraft> organisation_draft_from_json(const nlohmann::json& body);
Result<service::OrganisationPatch> organisation_patch_from_json(const nlohmann::json& body);
Result<service::UserDraft> user_draft_from_json(const nlohmann::json& body);
Result<service::UserPatch> user_patch_from_json(const nlohmann::json& body);
// {"org", "title", "sector", "region", "criticality": 1..5, "measures":
// {"risk-analysis": {"score": 0..5, "evidence": "..."}, ... all ten}, "tlp",
// "access"}; a bad measure names "measures.<measure>.<field>".
Result<service::AssessmentDraft> assessment_draft_from_json(const nlohmann::json& body);

// The coordination workflow (api.md).
Result<double> time_limit_from_json(const nlohmann::json& body);
Result<Id> run_from_json(const nlohmann::json& body);
Result<service::MeetingDraft> meeting_draft_from_json(const nlohmann::json& body);
Result<service::MeetingClose> meeting_close_from_json(const nlohmann::json& body);
Result<service::DecisionInput> decision_from_json(const nlohmann::json& body);
Result<Id> implementer_from_json(const nlohmann::json& body);
Result<service::ReportInput> report_from_json(const nlohmann::json& body);
// ?need= &offer= &proposal= &run=
Result<store::AllocationFilter> allocation_filter_from_query(const http::Request& request);
// ?by=sector|region|category|priority
Result<service::CoverageBy> coverage_by_from_query(const http::Request& request);

// ?limit=1..200 (default `default_limit`, 50 for most lists) and ?cursor=.
Result<store::PageRequest> page_from_query(const http::Request& request, int default_limit = 50);
// ?status= &sector= &region= &category= &org= &assessment= &q=
Result<store::NeedFilter> need_filter_from_query(const http::Request& request);
// ?org=
Result<store::AssessmentFilter> assessment_filter_from_query(const http::Request& request);
// ?status= &org= &q=
Result<store::OfferFilter> offer_filter_from_query(const http::Request& request);

}  // namespace tallinn::api
