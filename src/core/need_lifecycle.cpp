#include "core/need_lifecycle.h"

namespace tallinn {

bool is_legal_move(NeedStatus from, NeedStatus to) {
  switch (to) {
    case NeedStatus::kRejected:
    case NeedStatus::kWithdrawn:
    case NeedStatus::kDuplicate:
      return is_open(from);
    case NeedStatus::kDraft:
      return false;
    default:
      // The main line: each state moves only to the one after it.
      return static_cast<int>(to) == static_cast<int>(from) + 1 &&
             static_cast<int>(to) <= static_cast<int>(NeedStatus::kClosed);
  }
}

}  // namespace tallinn
