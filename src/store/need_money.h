// What both backends share to sum needs' and offers' money in SQL
// (coverage_groups, needs_of_priority and offer_money in store.h): which allocation statuses each
// sum counts, taken from core's rules so that SQL and the ledgers in C++ cannot differ, and the
// readers of the rows those queries return.
#pragma once

#include <string>
#include <vector>

#include "core/coordination.h"
#include "store/record_rows.h"
#include "store/store.h"

namespace tallinn::store {

// The spellings of the allocation statuses whose amount counts in each sum.
struct MoneyStatuses {
  std::vector<std::string> approved;   // holds_money(status, false)
  std::vector<std::string> committed;  // is_committed(status)
  std::vector<std::string> delivered;  // is_delivered(status)
};

inline MoneyStatuses money_statuses() {
  MoneyStatuses statuses;
  for (int index = 0; index < kAllocationStatusCount; ++index) {
    const auto status = static_cast<AllocationStatus>(index);
    const std::string word(to_string(status));
    if (holds_money(status, false)) statuses.approved.push_back(word);
    if (is_committed(status)) statuses.committed.push_back(word);
    if (is_delivered(status)) statuses.delivered.push_back(word);
  }
  return statuses;
}

// The need column whose value keys a breakdown, as the need `n`.
inline const char* coverage_key_column(CoverageBy by) {
  switch (by) {
    case CoverageBy::kRegion:
      return "n.region";
    case CoverageBy::kCategory:
      return "n.category";
    case CoverageBy::kPriority:
      return "n.priority";
    case CoverageBy::kSector:
      break;
  }
  return "n.sector";
}

// Columns: key (text), need status, count, needed, approved, committed,
// delivered, gap.
template <typename Row>
Result<CoverageGroup> coverage_group(const Row& row) {
  CoverageGroup group;
  group.key = row.text(0);
  TALLINN_ASSIGN_OR_RETURN(group.status, rows::parse_column(row, 1, parse_need_status));
  group.count = row.int64(2);
  group.needed = row.int64(3);
  group.approved = row.int64(4);
  group.committed = row.int64(5);
  group.delivered = row.int64(6);
  group.gap = row.int64(7);
  return group;
}

// Columns: those of rows::kNeedColumns, then approved, committed, delivered.
// The need comes without its grants.
template <typename Row>
Result<NeedMoney> need_money(const Row& row) {
  constexpr int kSums = rows::kNeedColumnCount;
  NeedMoney money;
  TALLINN_ASSIGN_OR_RETURN(money.need, rows::need(row));
  money.approved = row.int64(kSums);
  money.committed = row.int64(kSums + 1);
  money.delivered = row.int64(kSums + 2);
  return money;
}

// Columns: offer id, org, budget, currency, then approved, committed,
// delivered.
template <typename Row>
OfferMoney offer_money(const Row& row) {
  return OfferMoney{row.text(0),  row.text(1),  row.int64(2), row.text(3),
                    row.int64(4), row.int64(5), row.int64(6)};
}

}  // namespace tallinn::store
