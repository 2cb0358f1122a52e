#include "service/audit_service.h"

#include <map>

#include "audit/chain.h"
#include "service/audit_log.h"
#include "service/records.h"

namespace tallinn::service {
namespace {

// access.md "read the audit trail": the back office and admins.
bool reads_whole_trail(const policy::Actor& actor) {
  policy::Record trail;
  trail.kind = policy::RecordKind::kAudit;
  trail.tlp = Tlp::kGreen;
  return policy::decide(actor, policy::Action::kReadAudit, trail) == policy::Verdict::kAllow;
}

}  // namespace

Result<store::Page<AuditEntry>> AuditService::list(const policy::Actor& actor,
                                                   const store::PageRequest& page) {
  // The trail is a collection everyone knows exists: refusing it is 403.
  Status allowed = reads_whole_trail(actor) ? Status::ok() : forbidden();
  if (!allowed.is_ok()) {
    audit_refusal(context_, actor, AuditEvent{.action = "audit.read"}, allowed);
    return allowed;
  }
  TALLINN_ASSIGN_OR_RETURN(auto transaction, context_.store.begin(store::TransactionMode::kRead));
  return transaction->list_audit(page);
}

namespace {

// The record's type as the trail names it, and its policy facts: loading the
// record and policy::check is the read check of its GET.
Result<policy::Record> readable_record(store::Transaction& transaction, HistoryOf kind,
                                       const Id& id, std::string& record_type) {
  switch (kind) {
    case HistoryOf::kNeed: {
      record_type = "need";
      TALLINN_ASSIGN_OR_RETURN(Need need, transaction.need(id));
      return policy_record(need);
    }
    case HistoryOf::kOffer: {
      record_type = "offer";
      TALLINN_ASSIGN_OR_RETURN(Offer offer, transaction.offer(id));
      return policy_record(offer);
    }
    case HistoryOf::kAllocation: {
      record_type = "allocation";
      TALLINN_ASSIGN_OR_RETURN(Allocation allocation, transaction.allocation(id));
      return policy_record(allocation);
    }
  }
  return not_found();
}

}  // namespace

Result<store::Page<HistoryEntry>> AuditService::history(const policy::Actor& actor, HistoryOf kind,
                                                        const Id& id,
                                                        const store::PageRequest& page) {
  TALLINN_ASSIGN_OR_RETURN(auto transaction, context_.store.begin(store::TransactionMode::kRead));
  std::string record_type;
  TALLINN_ASSIGN_OR_RETURN(policy::Record record,
                           readable_record(*transaction, kind, id, record_type));
  TALLINN_RETURN_IF_ERROR(policy::check(actor, policy::Action::kRead, record));
  const bool full = reads_whole_trail(actor);
  TALLINN_ASSIGN_OR_RETURN(store::Page<AuditEntry> entries,
                           transaction->list_audit_for_record(record_type, id, full, page));
  // Organisations are readable by every signed-in user; a page names few.
  std::map<Id, std::string> names;
  store::Page<HistoryEntry> out;
  out.next = entries.next;
  for (const AuditEntry& entry : entries.items) {
    if (!entry.actor_org.empty() && !names.contains(entry.actor_org)) {
      Result<Organisation> organisation = transaction->organisation(entry.actor_org);
      if (organisation.is_ok()) {
        names[entry.actor_org] = organisation->name;
      } else if (organisation.status().code() == ErrorCode::kNotFound) {
        names[entry.actor_org] = "";
      } else {
        return organisation.status();
      }
    }
    HistoryEntry line{.time = entry.time,
                      .action = entry.action,
                      .outcome = entry.outcome,
                      .changed_fields = entry.changed_fields,
                      .actor_org = entry.actor_org,
                      .actor_org_name = entry.actor_org.empty() ? "" : names[entry.actor_org],
                      .full = full};
    if (full) {
      line.sequence = entry.sequence;
      line.actor_user = entry.actor_user;
    }
    out.items.push_back(std::move(line));
  }
  return out;
}

Result<ChainReport> AuditService::verify(const std::optional<audit::Checkpoint>& checkpoint) {
  TALLINN_ASSIGN_OR_RETURN(auto transaction, context_.store.begin(store::TransactionMode::kRead));
  audit::ChainVerifier verifier =
      checkpoint ? audit::ChainVerifier(*checkpoint) : audit::ChainVerifier();
  TALLINN_RETURN_IF_ERROR(
      transaction->scan_audit([&](const AuditEntry& entry) { return verifier.add(entry); }));
  TALLINN_RETURN_IF_ERROR(verifier.finish());
  return ChainReport{verifier.count(), verifier.head_hash()};
}

}  // namespace tallinn::service
