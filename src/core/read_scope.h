// What one actor may read, in a form a store can turn into a SQL filter
// without knowing the access rules. policy::read_scope() builds it from the
// same read rules that policy::decide() applies to single records.
#pragma once

#include <array>

#include "core/id.h"
#include "core/vocabulary.h"

namespace tallinn {

struct ReadScope {
  // For one marking: a record with it is visible when any flag that is set
  // holds for the record.
  struct Clause {
    bool all = false;          // every record with this marking
    bool owner_org = false;    // records whose org == ReadScope::org
    bool granted_org = false;  // records whose access.orgs holds ReadScope::org
    bool named_user = false;   // records whose access.users holds ReadScope::user
    bool creator = false;      // records whose creator == ReadScope::user
  };
  std::array<Clause, kTlpCount> by_tlp;  // indexed by static_cast<int>(Tlp)
  Id org;                                // empty for the anonymous public
  Id user;

  const Clause& clause(Tlp tlp) const { return by_tlp[static_cast<int>(tlp)]; }

  // Every record of every marking. Only for the platform's own bookkeeping
  // whose results are filtered per reader afterwards (duplicate candidates
  // kept at submission, counts that guard a write); never for what a
  // reader is shown directly.
  static ReadScope unrestricted() {
    ReadScope scope;
    for (Clause& clause : scope.by_tlp) clause.all = true;
    return scope;
  }
};

}  // namespace tallinn
