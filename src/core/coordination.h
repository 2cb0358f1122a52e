// The records of the coordination workflow (api.md, "Coordination
// workflow"): matching runs, proposals, allocations, meetings, decisions and
// delivery reports. Plain values: no I/O, no JSON. Money is integer cents.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.h"

namespace tallinn {

// proposed -> approved | rejected | deferred -> committed | declined ->
// delivering -> delivered -> verified.
enum class AllocationStatus {
  kProposed,
  kApproved,
  kRejected,
  kDeferred,
  kCommitted,
  kDeclined,
  kDelivering,
  kDelivered,
  kVerified,
};
inline constexpr int kAllocationStatusCount = 9;
std::string_view to_string(AllocationStatus status);
std::optional<AllocationStatus> parse_allocation_status(std::string_view text);

// Allocations that hold money: approved or further along (not rejected,
// deferred or declined). `include_proposed` adds proposed ones.
bool holds_money(AllocationStatus status, bool include_proposed);
// Committed or further along.
bool is_committed(AllocationStatus status);
// Delivered or verified.
bool is_delivered(AllocationStatus status);

// The breakdowns of coverage (api.md, GET /api/v1/coverage?by=).
enum class CoverageBy { kSector, kRegion, kCategory, kPriority };

enum class DecisionKind { kApprove, kReject, kDefer };
std::string_view to_string(DecisionKind decision);
std::optional<DecisionKind> parse_decision_kind(std::string_view text);

enum class MeetingStatus { kPlanned, kOpen, kClosed };
std::string_view to_string(MeetingStatus status);
std::optional<MeetingStatus> parse_meeting_status(std::string_view text);

// One stored run of the matching engine: what went in (the instance as
// matching.md JSON), how it was run and what came out (the result with its
// explanation, as matching.md JSON), so anyone can run it again.
struct MatchingRun {
  Id id;
  Id creator;
  std::string engine_version;
  double time_limit_seconds = 0;
  std::string status;  // "optimal" | "feasible"
  double objective = 0;
  double bound = 0;
  std::string input_json;
  std::string input_sha256;
  std::string result_json;
  int64_t created_at = 0;
};

struct Proposal {
  Id id;
  Id run;
  Id creator;
  int64_t created_at = 0;
};

// One (need, offer, amount) pair. The parties are copied from the need and
// the offer so that lists filter by them in SQL. `amount` is EUR cents;
// `offer_amount` the same in the offer's currency at `rate_micros` (offer
// currency units per EUR, times 10^6) fixed when the allocation was approved.
struct Allocation {
  Id id;
  Id proposal;
  Id run;
  Id need;
  Id offer;
  Id need_org;
  Id offer_org;
  Id implementer_org;  // empty until assigned
  Id committing_org;   // empty until committed
  Cents amount = 0;
  std::string currency = "EUR";
  int64_t rate_micros = 1'000'000;
  Cents offer_amount = 0;
  int percent = 0;  // latest reported delivery progress
  AllocationStatus status = AllocationStatus::kProposed;
  Tlp tlp = Tlp::kAmber;  // the need's marking, so RED stays RED
  Access access;          // the need's grants
  Id creator;
  int64_t version = 1;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

// A coordination-group meeting. `attendance` lists organisations.
struct Meeting {
  Id id;
  std::string title;
  std::string agenda;
  std::string minutes;
  std::vector<Id> attendance;
  MeetingStatus status = MeetingStatus::kPlanned;
  Id creator;
  int64_t version = 1;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

// Immutable once its meeting closes; a correction is a new decision whose
// `corrects` names the earlier one.
struct AllocationDecision {
  Id id;
  Id allocation;
  Id meeting;
  DecisionKind decision = DecisionKind::kApprove;
  std::string reason;
  std::optional<Id> corrects;
  Id creator;
  int64_t created_at = 0;
};

// A document attached to a delivery report, checked by its magic bytes.
struct Attachment {
  std::string name;
  std::string content_type;  // application/pdf, image/png, image/jpeg
  std::string base64;        // the document, base64-encoded as the API received it
};

struct DeliveryReport {
  Id id;
  Id allocation;
  int percent = 0;
  std::string note;
  std::string milestone;
  std::optional<Attachment> attachment;
  Id creator;
  int64_t created_at = 0;
};

}  // namespace tallinn
