#include "core/suppression.h"

namespace tallinn {

void suppress_small_cells(std::vector<CoverageCell>& cells, int64_t min_count) {
  int suppressed = 0;
  for (CoverageCell& cell : cells) {
    cell.suppressed = cell.count > 0 && cell.count < min_count;
    if (cell.suppressed) ++suppressed;
  }
  if (suppressed != 1) return;
  CoverageCell* smallest = nullptr;
  for (CoverageCell& cell : cells) {
    if (cell.suppressed || cell.count == 0) continue;
    if (smallest == nullptr || cell.count < smallest->count ||
        (cell.count == smallest->count && cell.needed < smallest->needed)) {
      smallest = &cell;
    }
  }
  if (smallest != nullptr) smallest->suppressed = true;
}

}  // namespace tallinn
