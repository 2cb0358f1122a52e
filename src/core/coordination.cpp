#include "core/coordination.h"

#include <array>

namespace tallinn {
namespace {

template <typename Enum, size_t N>
std::optional<Enum> parse_word(const std::array<std::string_view, N>& words,
                               std::string_view text) {
  for (size_t index = 0; index < N; ++index) {
    if (words[index] == text) return static_cast<Enum>(index);
  }
  return std::nullopt;
}

constexpr std::array<std::string_view, kAllocationStatusCount> kAllocationStatusWords = {
    "proposed", "approved",   "rejected",  "deferred", "committed",
    "declined", "delivering", "delivered", "verified"};
constexpr std::array<std::string_view, 3> kDecisionWords = {"approve", "reject", "defer"};
constexpr std::array<std::string_view, 3> kMeetingStatusWords = {"planned", "open", "closed"};

}  // namespace

std::string_view to_string(AllocationStatus status) {
  return kAllocationStatusWords[static_cast<size_t>(status)];
}
std::optional<AllocationStatus> parse_allocation_status(std::string_view text) {
  return parse_word<AllocationStatus>(kAllocationStatusWords, text);
}
bool holds_money(AllocationStatus status, bool include_proposed) {
  switch (status) {
    case AllocationStatus::kProposed:
      return include_proposed;
    case AllocationStatus::kRejected:
    case AllocationStatus::kDeferred:
    case AllocationStatus::kDeclined:
      return false;
    default:
      return true;
  }
}

bool is_committed(AllocationStatus status) {
  return status == AllocationStatus::kCommitted || status == AllocationStatus::kDelivering ||
         is_delivered(status);
}

bool is_delivered(AllocationStatus status) {
  return status == AllocationStatus::kDelivered || status == AllocationStatus::kVerified;
}

std::string_view to_string(DecisionKind decision) {
  return kDecisionWords[static_cast<size_t>(decision)];
}
std::optional<DecisionKind> parse_decision_kind(std::string_view text) {
  return parse_word<DecisionKind>(kDecisionWords, text);
}
std::string_view to_string(MeetingStatus status) {
  return kMeetingStatusWords[static_cast<size_t>(status)];
}
std::optional<MeetingStatus> parse_meeting_status(std::string_view text) {
  return parse_word<MeetingStatus>(kMeetingStatusWords, text);
}

}  // namespace tallinn
