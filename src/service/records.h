// The bridge from stored records to what the access decision and the audit
// trail look at: the policy facts of a record, and its canonical state (the
// text whose digest the audit trail keeps).
#pragma once

#include <string>

#include "core/assessment.h"
#include "core/coordination.h"
#include "core/domain.h"
#include "policy/access.h"

namespace tallinn::service {

policy::Record policy_record(const Need& need);
policy::Record policy_record(const Offer& offer);
policy::Record policy_record(const Assessment& assessment);
policy::Record policy_record(const Organisation& organisation);
policy::Record policy_record(const User& user);

// One line per field, in a fixed order, every value escaped: equal records
// give equal text, and any change to a field changes it.
std::string canonical_state(const Need& need);
std::string canonical_state(const Offer& offer);
std::string canonical_state(const Assessment& assessment);
std::string canonical_state(const Organisation& organisation);
std::string canonical_state(const User& user);

policy::Record policy_record(const Allocation& allocation);
// The grants an allocation of `need` carries: the need's own, and on a RED need
// also its creator, who may read the need and so the allocation that reveals it.
Access allocation_access(const Need& need);
std::string canonical_state(const Allocation& allocation);
std::string canonical_state(const Meeting& meeting);

}  // namespace tallinn::service
