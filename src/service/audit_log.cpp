#include "service/audit_log.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "audit/chain.h"

namespace tallinn::service {

std::string outcome_name(const Status& status) {
  if (status.code() == ErrorCode::kNotFound) return "hidden";
  return error_code_name(status.code());
}

Status append_audit(store::Transaction& transaction, Clock& clock, const policy::Actor& actor,
                    const AuditEvent& event) {
  std::vector<std::string> fields = event.changed_fields;
  std::sort(fields.begin(), fields.end());
  std::string joined;
  for (const auto& field : fields) {
    if (!joined.empty()) joined += ',';
    joined += field;
  }
  AuditEntry draft;
  draft.time = clock.now_ms();
  draft.actor_user = actor.user;
  draft.actor_org = actor.org;
  draft.action = event.action;
  draft.record_type = event.record_type;
  draft.record_id = event.record_id;
  draft.outcome = event.outcome;
  draft.changed_fields = joined;
  draft.state_digest = event.state.empty() ? std::string() : audit::state_digest(event.state);
  TALLINN_ASSIGN_OR_RETURN(auto previous, transaction.last_audit_entry());
  return transaction.append_audit(audit::link_entry(std::move(draft), previous));
}

void audit_refusal(Context& context, const policy::Actor& actor, AuditEvent event,
                   const Status& refusal) {
  event.outcome = outcome_name(refusal);
  event.state.clear();
  Status written = [&]() -> Status {
    TALLINN_ASSIGN_OR_RETURN(auto transaction, context.store.begin(store::TransactionMode::kWrite));
    TALLINN_RETURN_IF_ERROR(append_audit(*transaction, context.clock, actor, event));
    return transaction->commit();
  }();
  // The refusal itself is what the caller answers; a trail that cannot be
  // written is an operational alarm, not a reason to change that answer.
  if (!written.is_ok()) {
    spdlog::error("audit: could not record refused {}: {}", event.action, written.to_string());
  }
}

}  // namespace tallinn::service
