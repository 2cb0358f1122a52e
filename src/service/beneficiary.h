// The owner of a need or an assessment: a beneficiary organisation.
#pragma once

#include "core/domain.h"
#include "store/store.h"

namespace tallinn::service {

// OK when `org` names an existing beneficiary organisation; otherwise
// kInvalid naming "org" (an unknown id and a wrong kind alike).
inline Status check_beneficiary(store::Transaction& transaction, const Id& org) {
  Result<Organisation> owner = transaction.organisation(org);
  if (!owner.is_ok() && owner.status().code() != ErrorCode::kNotFound) return owner.status();
  if (!owner.is_ok() || owner->kind != Role::kBeneficiary) {
    return invalid("org", "must be the id of a beneficiary organisation");
  }
  return Status::ok();
}

}  // namespace tallinn::service
