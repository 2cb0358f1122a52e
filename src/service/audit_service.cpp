#include "service/audit_service.h"

#include "audit/chain.h"
#include "service/audit_log.h"

namespace tallinn::service {

Result<store::Page<AuditEntry>> AuditService::list(const policy::Actor& actor,
                                                   const store::PageRequest& page) {
  policy::Record trail;
  trail.kind = policy::RecordKind::kAudit;
  trail.tlp = Tlp::kGreen;
  // The trail is a collection everyone knows exists: refusing it is 403.
  Status allowed =
      policy::decide(actor, policy::Action::kReadAudit, trail) == policy::Verdict::kAllow
          ? Status::ok()
          : forbidden();
  if (!allowed.is_ok()) {
    audit_refusal(context_, actor, AuditEvent{.action = "audit.read"}, allowed);
    return allowed;
  }
  TALLINN_ASSIGN_OR_RETURN(auto transaction, context_.store.begin(store::TransactionMode::kRead));
  return transaction->list_audit(page);
}

Result<ChainReport> AuditService::verify(const std::optional<audit::Checkpoint>& checkpoint) {
  TALLINN_ASSIGN_OR_RETURN(auto transaction, context_.store.begin(store::TransactionMode::kRead));
  audit::ChainVerifier verifier = checkpoint ? audit::ChainVerifier(*checkpoint) : audit::ChainVerifier();
  TALLINN_RETURN_IF_ERROR(
      transaction->scan_audit([&](const AuditEntry& entry) { return verifier.add(entry); }));
  TALLINN_RETURN_IF_ERROR(verifier.finish());
  return ChainReport{verifier.count(), verifier.head_hash()};
}

}  // namespace tallinn::service
