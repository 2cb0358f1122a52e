// Changing the marking or the grants of a marked record (need, offer, ...):
// the rules are the same for every kind of record, so they live here once.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/domain.h"
#include "policy/access.h"

namespace tallinn::service {

struct MarkingChange {
  std::optional<Tlp> tlp;
  std::optional<Access> access;
  std::string reason;  // required when the marking is lowered
};

// Checks that `actor` may make `change` to `before` (raising: owner or back
// office; lowering: back office with a reason; grants: owner or back office)
// and that the grants fit the resulting marking (none to other organisations
// under AMBER+STRICT). On success sets `tlp` and `access` to the result and
// appends the names of the fields that changed to `changed_fields`.
Status apply_marking_change(const policy::Actor& actor, const policy::Record& before,
                            const MarkingChange& change, Tlp& tlp, Access& access,
                            std::vector<std::string>& changed_fields);

}  // namespace tallinn::service
