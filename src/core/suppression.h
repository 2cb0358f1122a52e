// Small-cell suppression of published aggregates (access.md: observers and
// the public never see a cell built from fewer than 3 records).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/money.h"

namespace tallinn {

inline constexpr int64_t kMinCellRecords = 3;

struct CoverageCell {
  std::string key;
  Cents needed = 0;
  Cents approved = 0;
  Cents committed = 0;
  Cents delivered = 0;
  Cents gap = 0;
  int64_t count = 0;
  bool suppressed = false;
};

// Marks every cell with 1..min_count-1 records suppressed. When that leaves
// exactly one suppressed cell, the smallest other non-empty cell is
// suppressed too, so that the total of a different breakdown of the same
// records minus the visible cells never gives a single suppressed cell.
// Suppressed cells are meant to be written without their numbers.
void suppress_small_cells(std::vector<CoverageCell>& cells, int64_t min_count = kMinCellRecords);

}  // namespace tallinn
