// Use cases of the coordination workflow (api.md, "Coordination workflow"):
// matching runs, proposals, coordination-group meetings and decisions,
// commitments, delivery and verification. Every write is run_write
// (authorize -> transact -> audit); every read applies policy::decide.
// Writers are serialised by the store's write transaction, which is what
// keeps commitments within budgets under concurrency.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/coordination.h"
#include "policy/access.h"
#include "service/context.h"

namespace tallinn::service {

// The version of the engine recorded with every run.
inline constexpr char kEngineVersion[] = "tallinn-match 1";
// Largest attachment accepted, decoded.
inline constexpr size_t kMaxAttachmentBytes = 512 * 1024;  // its base64 fits the 1 MiB body

struct MeetingDraft {
  std::string title;
  std::string agenda;
  std::string minutes;
  std::vector<Id> attendance;  // organisations
};

// Closing may set the minutes.
struct MeetingClose {
  std::optional<std::string> minutes;
};

struct DecisionInput {
  Id meeting;
  DecisionKind decision = DecisionKind::kApprove;
  std::string reason;
  std::optional<Id> corrects;  // the earlier decision this one corrects
};

struct ReportInput {
  int percent = 0;
  std::string note;
  std::string milestone;
  std::optional<Attachment> attachment;  // base64 checked here
};

// What an allocation's reader sees of its need: the need's class and
// amount always, the title only where the reader may see the need.
struct NeedSummary {
  Sector sector = Sector::kEnergy;
  Region region = 0;
  Category category = Category::kEquipment;
  Cents amount = 0;
  int priority = 3;
  std::optional<std::string> title;

  // The need's title where the reader may see the need, else its class
  // ("software for energy in UA-46"), which every party may see.
  std::string display_title() const;
};

// The summary of need `need` that `reader` may see (for an allocation of it).
Result<NeedSummary> need_summary(store::Transaction& transaction, const policy::Actor& reader,
                                 const Id& need);

struct AllocationView {
  Allocation allocation;
  NeedSummary need;
  std::vector<AllocationDecision> decisions;
  std::vector<DeliveryReport> reports;
};

// A delivery report's attachment as stored: its name, its content type
// (checked against the magic bytes at upload) and its decoded bytes.
struct AttachmentFile {
  std::string name;
  std::string content_type;
  std::string bytes;
};

struct ProposalView {
  Proposal proposal;
  std::vector<AllocationView> allocations;
};

class CoordinationService {
 public:
  explicit CoordinationService(Context& context) : context_(context) {}

  // Back office: runs the engine over the published needs and open offers
  // the actor may see, with what is left of each after earlier allocations,
  // and stores the run. kInvalid "time_limit" outside (0, 60].
  Result<MatchingRun> run_matching(const policy::Actor& actor, double time_limit_seconds);
  Result<MatchingRun> run(const policy::Actor& actor, const Id& id);

  // Back office: the run's allocations become proposed allocations, once
  // per run. kConflict when the run was proposed already or a need or offer
  // no longer has room for its amount.
  Result<ProposalView> propose(const policy::Actor& actor, const Id& run);

  // One page of the allocations `actor` may read that meet `filter`,
  // newest first. The store narrows the list to the actor's allocations in
  // the query (the parties, RED to its named users), so pages are full;
  // policy::decide still checks each item.
  Result<store::Page<AllocationView>> list_allocations(const policy::Actor& actor,
                                                       const store::AllocationFilter& filter,
                                                       const store::PageRequest& page);
  Result<AllocationView> allocation(const policy::Actor& actor, const Id& id);
  // The attachment of report `report` on allocation `allocation`, readable
  // exactly where the allocation is. kNotFound alike for an allocation the
  // actor may not read, a missing one, a report of another allocation and a
  // report without an attachment. Not audited: no read of content is.
  Result<AttachmentFile> report_attachment(const policy::Actor& actor, const Id& allocation,
                                           const Id& report);

  Result<Meeting> create_meeting(const policy::Actor& actor, const MeetingDraft& draft);
  Result<Meeting> meeting(const policy::Actor& actor, const Id& id);
  // planned -> open -> closed; kConflict otherwise.
  Result<Meeting> open_meeting(const policy::Actor& actor, const Id& id);
  Result<Meeting> close_meeting(const policy::Actor& actor, const Id& id,
                                const MeetingClose& input);

  // Back office inside an open meeting (kConflict otherwise). A first
  // decision needs a proposed or deferred allocation; a correction names
  // the earlier decision and applies until the allocation is committed.
  Result<AllocationView> decide(const policy::Actor& actor, const Id& allocation,
                                const DecisionInput& input);
  // The donor of the offer's organisation. A non-empty `idempotency_key`
  // makes a retry answer the first result without applying it again.
  Result<AllocationView> commit(const policy::Actor& actor, const Id& allocation,
                                const std::string& idempotency_key);
  Result<AllocationView> decline(const policy::Actor& actor, const Id& allocation,
                                 const std::string& idempotency_key);
  Result<AllocationView> assign(const policy::Actor& actor, const Id& allocation,
                                const Id& implementer_org);
  Result<AllocationView> report(const policy::Actor& actor, const Id& allocation,
                                const ReportInput& input);
  Result<AllocationView> verify(const policy::Actor& actor, const Id& allocation);

 private:
  // planned -> open, or open -> closed (setting the minutes when given).
  Result<Meeting> move_meeting(const policy::Actor& actor, const Id& id, MeetingStatus to,
                               const std::optional<std::string>& minutes);
  Result<AllocationView> respond(const policy::Actor& actor, const std::string& key,
                                 const std::string& action, const Id& allocation, bool commit);
  Context& context_;
};

// kInvalid "attachment" unless `attachment` decodes from base64 to at most
// kMaxAttachmentBytes whose first bytes are those of its content type (PDF,
// PNG or JPEG).
Status check_attachment(const Attachment& attachment);

}  // namespace tallinn::service
