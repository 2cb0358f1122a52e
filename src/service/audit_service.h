// Reading and verifying the audit trail. There is no verb that changes it.
#pragma once

#include "audit/chain.h"
#include "core/audit_record.h"
#include "policy/access.h"
#include "service/context.h"

namespace tallinn::service {

struct ChainReport {
  int64_t entries = 0;
  std::string head_hash;  // empty for an empty trail
};

class AuditService {
 public:
  explicit AuditService(Context& context) : context_(context) {}

  // Newest first; back office and admin only (others: kForbidden).
  Result<store::Page<AuditEntry>> list(const policy::Actor& actor, const store::PageRequest& page);

  // Re-checks the whole hash chain. A broken chain is kConflict whose message
  // names the first entry that does not fit.
  // With a checkpoint (kept outside the database), the trail must also
  // reach it with the hash recorded there: a cut tail or a chain rewritten
  // and re-hashed from some entry on fails too.
  Result<ChainReport> verify(const std::optional<audit::Checkpoint>& checkpoint = std::nullopt);

 private:
  Context& context_;
};

}  // namespace tallinn::service
