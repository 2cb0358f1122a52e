// Reading the stored spellings of vocabulary values back into enums.
#pragma once

#include <optional>
#include <string_view>

#include "core/status.h"
#include "store/postgres/connection.h"

namespace tallinn::store::postgres {

// The value that `parse` (a parse_* function of core/vocabulary.h) makes of
// the text in `column`. Text it refuses was never written by this store, so
// it is kInternal, not bad input.
template <typename T>
Result<T> parse_column(const Row& row, int column, std::optional<T> (*parse)(std::string_view)) {
  std::optional<T> value = parse(row.text(column));
  if (!value) return internal_error();
  return *value;
}

}  // namespace tallinn::store::postgres
