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

// One line of a record's history as its reader may see it (what each reader
// sees: docs/coordination.md "Record history"): what was done, when, by which
// organisation. `actor_user`, `sequence` and refused attempts only for the
// readers of the whole trail (back office, admin).
struct HistoryEntry {
  int64_t time = 0;
  std::string action;
  std::string outcome;
  std::string changed_fields;
  Id actor_org;
  std::string actor_org_name;  // empty for the CLI or an organisation since removed
  bool full = false;           // the reader may read the whole trail
  int64_t sequence = 0;        // only meaningful when full
  Id actor_user;               // only when full
};

// The records that have a history route.
enum class HistoryOf { kNeed, kOffer, kAllocation };

class AuditService {
 public:
  explicit AuditService(Context& context) : context_(context) {}

  // Newest first; back office and admin only (others: kForbidden).
  Result<store::Page<AuditEntry>> list(const policy::Actor& actor, const store::PageRequest& page);

  // The audit entries about one record, newest first, paged like list().
  // The reader must be able to read the record itself, checked exactly as
  // its GET does (so an unreadable record answers the same 404); others see
  // only entries that went through, without the user.
  Result<store::Page<HistoryEntry>> history(const policy::Actor& actor, HistoryOf kind,
                                            const Id& id, const store::PageRequest& page);

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
