// Request bodies and query strings into service inputs: the other half of
// the one JSON mapping per type (json_mapping.h writes, this reads). Every
// refusal names the field as the client spelled it; a field that is not
// part of a body is refused (mass assignment: "status", "creator", ...).
#pragma once

#include <nlohmann/json.hpp>

#include "http/request.h"
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

// ?limit=1..200 (default 50) and ?cursor=.
Result<store::PageRequest> page_from_query(const http::Request& request);
// ?status= &sector= &region= &category= &org= &q=
Result<store::NeedFilter> need_filter_from_query(const http::Request& request);
// ?status= &org= &q=
Result<store::OfferFilter> offer_filter_from_query(const http::Request& request);

}  // namespace tallinn::api
