// Appends entries to the audit trail. Every write and every refused attempt
// goes through here (access.md: "Every write, and every refused attempt,
// lands in the audit trail").
#pragma once

#include <string>
#include <vector>

#include "core/audit_record.h"
#include "policy/access.h"
#include "service/context.h"

namespace tallinn::service {

// What happened, before it is chained. `state` is the canonical state of the
// record after the write (see state.h); only its digest is kept.
struct AuditEvent {
  std::string action;  // "need.create", "need.transition", "session.create", ...
  std::string record_type;
  Id record_id;
  std::string outcome = "ok";
  std::vector<std::string> changed_fields;
  std::string state;
};

// Appends `event` by `actor` inside `transaction`, chained to the last entry.
// Must run in a write transaction: the write lock is what keeps the chain
// from forking.
Status append_audit(store::Transaction& transaction, Clock& clock, const policy::Actor& actor,
                    const AuditEvent& event);

// Records a refused attempt in a transaction of its own (the attempt's own
// transaction has been rolled back). The refusal's code becomes the outcome.
void audit_refusal(Context& context, const policy::Actor& actor, AuditEvent event,
                   const Status& refusal);

// The outcome word for a Status: "ok", "hidden", "forbidden", "invalid", ...
std::string outcome_name(const Status& status);

}  // namespace tallinn::service
