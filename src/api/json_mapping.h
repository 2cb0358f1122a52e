// The one JSON mapping of each record type the API speaks (api.md). Money
// goes out as EUR numbers, times as ISO 8601 UTC, enums in their API
// spelling.
#pragma once

#include <nlohmann/json.hpp>

#include "core/assessment.h"
#include "core/audit_record.h"
#include "core/domain.h"
#include "service/audit_service.h"
#include "service/coordination_service.h"
#include "service/coverage_service.h"
#include "service/duplicate_service.h"
#include "service/notifications.h"

namespace tallinn::api {

nlohmann::json to_json(const Need& need);
nlohmann::json to_json(const Offer& offer);
nlohmann::json to_json(const Organisation& organisation);
nlohmann::json to_json(const User& user);
nlohmann::json to_json(const AuditEntry& entry);
nlohmann::json to_json(const service::HistoryEntry& entry);
nlohmann::json to_json(const Access& access);
nlohmann::json to_json(const Assessment& assessment);
nlohmann::json to_json(const service::DuplicateCandidate& candidate);
nlohmann::json to_json(const service::QueueItem& item);
nlohmann::json to_json(const service::InboxItem& item);

// {"items": [...]} for a list that is not paged.
template <typename T>
nlohmann::json items_to_json(const std::vector<T>& values) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& value : values) items.push_back(to_json(value));
  return {{"items", std::move(items)}};
}

// The coordination workflow. An allocation shows its need's title only when
// its reader may see the need (AllocationView::need.title is set), and never
// the need's organisation or description.
nlohmann::json to_json(const MatchingRun& run);
nlohmann::json to_json(const service::AllocationView& view);
nlohmann::json to_json(const std::vector<service::AllocationView>& views);  // {"items": [...]}
nlohmann::json to_json(const service::ProposalView& proposal);
nlohmann::json to_json(const Meeting& meeting);
nlohmann::json to_json(const service::Ledger& ledger);
// Suppressed cells carry only their key and "suppressed": true.
nlohmann::json to_json(const service::Coverage& coverage);
nlohmann::json to_json(const std::vector<service::UnfundedNeed>& needs);         // {"items": [...]}
nlohmann::json to_json(const std::vector<service::DonorPortfolio>& portfolios);  // {"items"}
nlohmann::json to_json(const service::PublicSummary& summary);

// {"items": [...], "next": cursor-or-null}
template <typename Page>
nlohmann::json page_to_json(const Page& page) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& item : page.items) items.push_back(to_json(item));
  return {{"items", std::move(items)},
          {"next", page.next.empty() ? nlohmann::json(nullptr) : nlohmann::json(page.next)}};
}

}  // namespace tallinn::api
