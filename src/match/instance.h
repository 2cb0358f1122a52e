// The allocation problem of matching.md as plain values: needs, offers,
// amounts in integer cents. Readers (matchio/) build it; the engine only
// reads it. Validity (positive amounts, codes in range, unique ids) is the
// reader's duty; the engine assumes it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "match/vocabulary.h"

namespace tallinn::match {

// Largest amount or budget accepted, in cents (ten billion euro): keeps every
// product weight x amount and every sum over a million needs inside int64.
inline constexpr int64_t kMaxCents = 1'000'000'000'000;

struct Need {
  std::string id;
  int64_t amount_cents = 0;  // > 0
  int priority = 1;          // 1..5
  int class_id = 0;          // class_of(sector, region, category)
  bool divisible = true;
};

// Bit k of a mask set = code k accepted. A list that is empty or absent in
// the input means "any", i.e. every bit set.
struct Offer {
  std::string id;
  std::string donor;
  int64_t budget_cents = 0;  // >= 0
  uint32_t sector_mask = 0;
  uint32_t region_mask = 0;
  uint32_t category_mask = 0;

  bool accepts(int class_id) const {
    return (sector_mask >> sector_of_class(class_id) & 1u) &&
           (region_mask >> region_of_class(class_id) & 1u) &&
           (category_mask >> category_of_class(class_id) & 1u);
  }
};

inline constexpr uint32_t kAnySector = (1u << kSectorCount) - 1;
inline constexpr uint32_t kAnyRegion = (1u << kRegionCount) - 1;
inline constexpr uint32_t kAnyCategory = (1u << kCategoryCount) - 1;

struct Instance {
  std::vector<Need> needs;
  std::vector<Offer> offers;
};

// w(p) = 10^(p-1): the value of covering a need of priority p in full.
inline int64_t priority_weight(int priority) {
  static constexpr int64_t kWeights[] = {1, 10, 100, 1000, 10000};
  return kWeights[priority - 1];
}

}  // namespace tallinn::match
