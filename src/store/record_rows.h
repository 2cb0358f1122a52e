// Records read from result rows, the same for both backends. A Row offers
// text(column), int64(column), boolean(column), optional_int64(column) and
// optional_text(column) (sqlite::StatementRow, postgres::Row). Each reader
// expects the columns in the order of its k*Columns list, which every
// backend's schema has.
#pragma once

#include <charconv>
#include <cstdlib>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/assessment.h"
#include "core/audit_record.h"
#include "core/coordination.h"
#include "core/domain.h"
#include "core/status.h"
#include "core/vocabulary.h"

namespace tallinn::store::rows {

inline constexpr char kOrganisationColumns[] =
    "id, name, kind, country, version, created_at, updated_at";
inline constexpr char kUserColumns[] =
    "id, org, email, role, disabled, version, created_at, updated_at";
inline constexpr char kSessionColumns[] =
    "token_hash, user_id, created_at, expires_at, last_seen_at";
// Needs and offers are read as r in scoped lists.
inline constexpr char kNeedColumns[] =
    "r.id, r.org, r.title, r.description, r.sector, r.region, r.category, r.amount_cents, "
    "r.priority, r.national_priority, r.divisible, r.tlp, r.status, r.duplicate_of, r.creator, "
    "r.version, r.created_at, r.updated_at, r.assessment";
inline constexpr int kNeedColumnCount = 19;
inline constexpr char kOfferColumns[] =
    "r.id, r.org, r.title, r.description, r.budget_cents, r.tlp, r.status, r.creator, "
    "r.version, r.created_at, r.updated_at, r.currency";
// Assessments are read as r in scoped lists; their measures are (measure,
// score, evidence) rows of another table.
inline constexpr char kAssessmentColumns[] =
    "r.id, r.org, r.title, r.sector, r.region, r.criticality, r.tlp, r.creator, r.version, "
    "r.created_at, r.updated_at";
inline constexpr char kMatchingRunColumns[] =
    "id, creator, engine_version, time_limit_seconds, status, objective, bound, input_json, "
    "input_sha256, result_json, created_at";
inline constexpr char kAllocationColumns[] =
    "id, proposal, run, need, offer, need_org, offer_org, implementer_org, committing_org, "
    "amount_cents, currency, rate_micros, offer_amount_cents, percent, status, tlp, "
    "access_orgs, access_users, creator, version, created_at, updated_at";
inline constexpr char kMeetingColumns[] =
    "id, title, agenda, minutes, attendance, status, creator, version, created_at, updated_at";
inline constexpr char kDecisionColumns[] =
    "id, allocation, meeting, decision, reason, corrects, creator, created_at";
inline constexpr char kReportColumns[] =
    "id, allocation, percent, note, milestone, attachment_name, attachment_type, "
    "attachment_base64, creator, created_at";
// Notifications are read as r in keyset-paged lists.
inline constexpr char kNotificationColumns[] =
    "r.id, r.user_id, r.kind, r.record_type, r.record_id, r.created_at, r.read_at";
inline constexpr char kAuditColumns[] =
    "sequence, time, actor_user, actor_org, action, record_type, record_id, outcome, "
    "changed_fields, state_digest, previous_hash, hash";

// The value that `parse` (a parse_* function of core/vocabulary.h) makes of
// the text in `column`. Text it refuses was never written by this store, so
// it is kInternal, not bad input.
template <typename T, typename Row>
Result<T> parse_column(const Row& row, int column, std::optional<T> (*parse)(std::string_view)) {
  std::optional<T> value = parse(row.text(column));
  if (!value) return internal_error();
  return *value;
}

template <typename Row>
Result<Organisation> organisation(const Row& row) {
  Organisation organisation;
  organisation.id = row.text(0);
  organisation.name = row.text(1);
  TALLINN_ASSIGN_OR_RETURN(organisation.kind, parse_column(row, 2, parse_role));
  organisation.country = row.text(3);
  organisation.version = row.int64(4);
  organisation.created_at = row.int64(5);
  organisation.updated_at = row.int64(6);
  return organisation;
}

template <typename Row>
Result<User> user(const Row& row) {
  User user;
  user.id = row.text(0);
  user.org = row.text(1);
  user.email = row.text(2);
  TALLINN_ASSIGN_OR_RETURN(user.role, parse_column(row, 3, parse_role));
  user.disabled = row.boolean(4);
  user.version = row.int64(5);
  user.created_at = row.int64(6);
  user.updated_at = row.int64(7);
  return user;
}

// Empty text stands for NULL (not enrolled, nothing pending).
inline constexpr char kSecondFactorColumns[] = "totp_secret, totp_pending, totp_last_step";

template <typename Row>
Result<SecondFactor> second_factor(const Row& row) {
  return SecondFactor{row.optional_text(0).value_or(""), row.optional_text(1).value_or(""),
                      row.int64(2)};
}

// NULL for the empty text of a SecondFactor field.
inline std::optional<std::string> empty_as_null(const std::string& text) {
  return text.empty() ? std::nullopt : std::optional<std::string>(text);
}

// The domain stamp is the migration's alone: a database never changes side,
// so set_setting refuses it on every backend.
inline Status check_setting_writable(std::string_view key) {
  if (key == "domain") return Status(ErrorCode::kInternal, "the domain stamp cannot change");
  return Status::ok();
}

template <typename Row>
Result<Session> session(const Row& row) {
  return Session{row.text(0), row.text(1), row.int64(2), row.int64(3), row.int64(4)};
}

// Without its grants, which live in another table.
template <typename Row>
Result<Need> need(const Row& row) {
  Need need;
  need.id = row.text(0);
  need.org = row.text(1);
  need.title = row.text(2);
  need.description = row.text(3);
  TALLINN_ASSIGN_OR_RETURN(need.sector, parse_column(row, 4, parse_sector));
  TALLINN_ASSIGN_OR_RETURN(need.region, parse_column(row, 5, parse_region));
  TALLINN_ASSIGN_OR_RETURN(need.category, parse_column(row, 6, parse_category));
  need.amount = row.int64(7);
  need.priority = static_cast<int>(row.int64(8));
  if (std::optional<int64_t> national = row.optional_int64(9)) {
    need.national_priority = static_cast<int>(*national);
  }
  need.divisible = row.boolean(10);
  TALLINN_ASSIGN_OR_RETURN(need.tlp, parse_column(row, 11, parse_tlp));
  TALLINN_ASSIGN_OR_RETURN(need.status, parse_column(row, 12, parse_need_status));
  need.duplicate_of = row.optional_text(13);
  need.creator = row.text(14);
  need.version = row.int64(15);
  need.created_at = row.int64(16);
  need.updated_at = row.int64(17);
  need.assessment = row.optional_text(18);
  return need;
}

// Without its targets and grants, which live in other tables.
template <typename Row>
Result<Offer> offer(const Row& row) {
  Offer offer;
  offer.id = row.text(0);
  offer.org = row.text(1);
  offer.title = row.text(2);
  offer.description = row.text(3);
  offer.budget = row.int64(4);
  TALLINN_ASSIGN_OR_RETURN(offer.tlp, parse_column(row, 5, parse_tlp));
  TALLINN_ASSIGN_OR_RETURN(offer.status, parse_column(row, 6, parse_offer_status));
  offer.creator = row.text(7);
  offer.version = row.int64(8);
  offer.created_at = row.int64(9);
  offer.updated_at = row.int64(10);
  offer.currency = row.text(11);
  return offer;
}

// One target (kind, value, in columns `first` and `first` + 1) of an offer,
// added to its list of that kind.
template <typename Row>
Status add_target(const Row& row, Offer& offer, int first = 0) {
  std::string kind = row.text(first);
  int value = first + 1;
  if (kind == "sector") {
    TALLINN_ASSIGN_OR_RETURN(offer.sectors.emplace_back(), parse_column(row, value, parse_sector));
  } else if (kind == "region") {
    TALLINN_ASSIGN_OR_RETURN(offer.regions.emplace_back(), parse_column(row, value, parse_region));
  } else {
    TALLINN_ASSIGN_OR_RETURN(offer.categories.emplace_back(),
                             parse_column(row, value, parse_category));
  }
  return Status::ok();
}

template <typename Row>
AuditEntry audit_entry(const Row& row) {
  AuditEntry entry;
  entry.sequence = row.int64(0);
  entry.time = row.int64(1);
  entry.actor_user = row.text(2);
  entry.actor_org = row.text(3);
  entry.action = row.text(4);
  entry.record_type = row.text(5);
  entry.record_id = row.text(6);
  entry.outcome = row.text(7);
  entry.changed_fields = row.text(8);
  entry.state_digest = row.text(9);
  entry.previous_hash = row.text(10);
  entry.hash = row.text(11);
  return entry;
}

template <typename Row>
Result<Assessment> assessment(const Row& row) {
  Assessment assessment;
  assessment.id = row.text(0);
  assessment.org = row.text(1);
  assessment.title = row.text(2);
  TALLINN_ASSIGN_OR_RETURN(assessment.sector, parse_column(row, 3, parse_sector));
  TALLINN_ASSIGN_OR_RETURN(assessment.region, parse_column(row, 4, parse_region));
  assessment.criticality = static_cast<int>(row.int64(5));
  TALLINN_ASSIGN_OR_RETURN(assessment.tlp, parse_column(row, 6, parse_tlp));
  assessment.creator = row.text(7);
  assessment.version = row.int64(8);
  assessment.created_at = row.int64(9);
  assessment.updated_at = row.int64(10);
  return assessment;
}

// One measure (measure, score, evidence, from column `first` on) set on
// its assessment.
template <typename Row>
Status add_measure(const Row& row, Assessment& assessment, int first = 0) {
  TALLINN_ASSIGN_OR_RETURN(Measure measure, parse_column(row, first, parse_measure));
  MeasureScore& scored = assessment.measures[static_cast<int>(measure)];
  scored.score = static_cast<int>(row.int64(first + 1));
  scored.evidence = row.text(first + 2);
  return Status::ok();
}

// Runs store objective, bound and time limit as their shortest round-trip
// decimal text, so both backends give back the very same double.
inline std::string format_double(double value) {
  char buffer[32];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
  return std::string(buffer, end);
}

inline double parse_double(const std::string& text) { return std::strtod(text.c_str(), nullptr); }

// Id lists (access, attendance) are stored space-separated: ids never
// contain spaces.
inline std::string join_ids(const std::vector<Id>& ids) {
  std::string out;
  for (const Id& id : ids) {
    if (!out.empty()) out.push_back(' ');
    out += id;
  }
  return out;
}

inline std::vector<Id> split_ids(const std::string& text) {
  std::vector<Id> ids;
  std::istringstream stream(text);
  for (std::string id; stream >> id;) ids.push_back(id);
  return ids;
}

template <typename Row>
Result<MatchingRun> matching_run(const Row& row) {
  MatchingRun run;
  run.id = row.text(0);
  run.creator = row.text(1);
  run.engine_version = row.text(2);
  run.time_limit_seconds = parse_double(row.text(3));
  run.status = row.text(4);
  run.objective = parse_double(row.text(5));
  run.bound = parse_double(row.text(6));
  run.input_json = row.text(7);
  run.input_sha256 = row.text(8);
  run.result_json = row.text(9);
  run.created_at = row.int64(10);
  return run;
}

template <typename Row>
Result<Allocation> allocation(const Row& row) {
  Allocation allocation;
  allocation.id = row.text(0);
  allocation.proposal = row.text(1);
  allocation.run = row.text(2);
  allocation.need = row.text(3);
  allocation.offer = row.text(4);
  allocation.need_org = row.text(5);
  allocation.offer_org = row.text(6);
  allocation.implementer_org = row.text(7);
  allocation.committing_org = row.text(8);
  allocation.amount = row.int64(9);
  allocation.currency = row.text(10);
  allocation.rate_micros = row.int64(11);
  allocation.offer_amount = row.int64(12);
  allocation.percent = static_cast<int>(row.int64(13));
  TALLINN_ASSIGN_OR_RETURN(allocation.status, parse_column(row, 14, parse_allocation_status));
  TALLINN_ASSIGN_OR_RETURN(allocation.tlp, parse_column(row, 15, parse_tlp));
  allocation.access.orgs = split_ids(row.text(16));
  allocation.access.users = split_ids(row.text(17));
  allocation.creator = row.text(18);
  allocation.version = row.int64(19);
  allocation.created_at = row.int64(20);
  allocation.updated_at = row.int64(21);
  return allocation;
}

template <typename Row>
Result<Meeting> meeting(const Row& row) {
  Meeting meeting;
  meeting.id = row.text(0);
  meeting.title = row.text(1);
  meeting.agenda = row.text(2);
  meeting.minutes = row.text(3);
  meeting.attendance = split_ids(row.text(4));
  TALLINN_ASSIGN_OR_RETURN(meeting.status, parse_column(row, 5, parse_meeting_status));
  meeting.creator = row.text(6);
  meeting.version = row.int64(7);
  meeting.created_at = row.int64(8);
  meeting.updated_at = row.int64(9);
  return meeting;
}

template <typename Row>
Result<AllocationDecision> decision(const Row& row) {
  AllocationDecision decision;
  decision.id = row.text(0);
  decision.allocation = row.text(1);
  decision.meeting = row.text(2);
  TALLINN_ASSIGN_OR_RETURN(decision.decision, parse_column(row, 3, parse_decision_kind));
  decision.reason = row.text(4);
  decision.corrects = row.optional_text(5);
  decision.creator = row.text(6);
  decision.created_at = row.int64(7);
  return decision;
}

template <typename Row>
Result<DeliveryReport> report(const Row& row) {
  DeliveryReport report;
  report.id = row.text(0);
  report.allocation = row.text(1);
  report.percent = static_cast<int>(row.int64(2));
  report.note = row.text(3);
  report.milestone = row.text(4);
  if (std::optional<std::string> name = row.optional_text(5)) {
    report.attachment = Attachment{*name, row.text(6), row.text(7)};
  }
  report.creator = row.text(8);
  report.created_at = row.int64(9);
  return report;
}

template <typename Row>
Result<Notification> notification(const Row& row) {
  Notification notification;
  notification.id = row.text(0);
  notification.user = row.text(1);
  notification.kind = row.text(2);
  notification.record_type = row.text(3);
  notification.record_id = row.text(4);
  notification.created_at = row.int64(5);
  notification.read_at = row.optional_int64(6);
  return notification;
}

}  // namespace tallinn::store::rows
