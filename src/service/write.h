// The one shape of every write: authorize -> transact -> audit.
#pragma once

#include "service/audit_log.h"
#include "service/records.h"

namespace tallinn::service {

// True for the failures that are the actor's doing (hidden, forbidden,
// invalid, conflict, ...) and so belong in the trail as refused attempts.
inline bool is_refusal(const Status& status) {
  switch (status.code()) {
    case ErrorCode::kOk:
    case ErrorCode::kUnavailable:
    case ErrorCode::kInternal:
      return false;
    default:
      return true;
  }
}

// Runs `body(transaction, event)` in a write transaction. `body` checks the
// access decision, makes its changes and completes `event` (record id,
// changed fields, new state). On success the event is appended to the audit
// trail in the same transaction and everything commits together; on failure
// nothing is kept and a refusal is recorded in a transaction of its own.
template <typename T, typename Body>
Result<T> run_write(Context& context, const policy::Actor& actor, AuditEvent event, Body body) {
  Result<T> result = [&]() -> Result<T> {
    TALLINN_ASSIGN_OR_RETURN(auto transaction, context.store.begin(store::TransactionMode::kWrite));
    TALLINN_ASSIGN_OR_RETURN(T value, body(*transaction, event));
    TALLINN_RETURN_IF_ERROR(append_audit(*transaction, context.clock, actor, event));
    TALLINN_RETURN_IF_ERROR(transaction->commit());
    return value;
  }();
  if (!result.is_ok() && is_refusal(result.status())) {
    audit_refusal(context, actor, event, result.status());
  }
  return result;
}

// Loads a record for `actor` in a read transaction and applies the read
// decision: absent and invisible both answer not_found().
template <typename T, typename Load>
Result<T> read_visible(Context& context, const policy::Actor& actor, Load load) {
  TALLINN_ASSIGN_OR_RETURN(auto transaction, context.store.begin(store::TransactionMode::kRead));
  TALLINN_ASSIGN_OR_RETURN(T record, load(*transaction));
  TALLINN_RETURN_IF_ERROR(policy::check(actor, policy::Action::kRead, policy_record(record)));
  return record;
}

}  // namespace tallinn::service
