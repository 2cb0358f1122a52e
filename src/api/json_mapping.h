// The one JSON mapping of each record type the API speaks (api.md). Money
// goes out as EUR numbers, times as ISO 8601 UTC, enums in their API
// spelling.
#pragma once

#include <nlohmann/json.hpp>

#include "core/audit_record.h"
#include "core/domain.h"
#include "service/audit_service.h"

namespace tallinn::api {

nlohmann::json to_json(const Need& need);
nlohmann::json to_json(const Offer& offer);
nlohmann::json to_json(const Organisation& organisation);
nlohmann::json to_json(const User& user);
nlohmann::json to_json(const AuditEntry& entry);
nlohmann::json to_json(const Access& access);

// {"items": [...], "next": cursor-or-null}
template <typename Page>
nlohmann::json page_to_json(const Page& page) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& item : page.items) items.push_back(to_json(item));
  return {{"items", std::move(items)},
          {"next", page.next.empty() ? nlohmann::json(nullptr) : nlohmann::json(page.next)}};
}

}  // namespace tallinn::api
