// The states a need moves through (api.md) and which moves exist at all.
// Who may make a move is policy/'s business; this only knows the graph.
#pragma once

#include "core/vocabulary.h"

namespace tallinn {

// draft -> submitted -> validated -> published -> matched -> funded ->
// delivering -> delivered -> verified -> closed, and from any open state to
// rejected, withdrawn or duplicate.
bool is_legal_move(NeedStatus from, NeedStatus to);

}  // namespace tallinn
