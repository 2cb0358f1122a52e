// Small hand-built instances shared by the engine's unit tests.
#pragma once

#include <string>

#include "match/instance.h"

namespace tallinn::match::testing {

// A need of `priority` for `amount_cents` in sector `sector` (a code), in
// region 0 and category 0.
inline Need make_need(std::string id, int64_t amount_cents, int priority, int sector,
                      bool divisible = true) {
  return Need{std::move(id), amount_cents, priority, class_of(sector, 0, 0), divisible};
}

// An offer accepting the sectors in `sector_mask` (bit = code), any region
// and category.
inline Offer make_offer(std::string id, int64_t budget_cents, uint32_t sector_mask) {
  return Offer{std::move(id), "EE", budget_cents, sector_mask, kAnyRegion, kAnyCategory};
}

}  // namespace tallinn::match::testing
