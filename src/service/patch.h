// Applying one field of a partial edit (PATCH).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace tallinn::service {

// Sets `field` from `value` when the patch carries it and it differs,
// remembering the field's name for the audit trail.
template <typename T>
void patch_field(const std::optional<T>& value, T& field, const char* name,
                 std::vector<std::string>& changed) {
  if (value && !(*value == field)) {
    field = *value;
    changed.push_back(name);
  }
}

}  // namespace tallinn::service
