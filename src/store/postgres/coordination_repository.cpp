#include "store/postgres/queries.h"
#include "store/postgres/repositories.h"
#include "store/record_rows.h"

namespace tallinn::store::postgres::coordination {
namespace {

constexpr char kInsertRun[] =
    "INSERT INTO matching_runs (id, creator, engine_version, time_limit_seconds, status, "
    "objective, bound, input_json, input_sha256, result_json, created_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
constexpr char kFromRunById[] = " FROM matching_runs WHERE id = $1";
constexpr char kInsertProposal[] =
    "INSERT INTO proposals (id, run, creator, created_at) VALUES ($1, $2, $3, $4)";

constexpr char kInsertAllocation[] =
    "INSERT INTO allocations (id, implementer_org, committing_org, currency, rate_micros, "
    "offer_amount_cents, percent, status, tlp, access_orgs, access_users, updated_at, "
    "proposal, run, need, offer, need_org, offer_org, amount_cents, creator, version, "
    "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, "
    "$16, $17, $18, $19, $20, $21, $22)";
constexpr char kFromAllocationById[] = " FROM allocations WHERE id = $1";
constexpr char kFromAllocations[] = " FROM allocations WHERE true";
constexpr char kUpdateAllocation[] =
    "UPDATE allocations SET implementer_org = $2, committing_org = $3, currency = $4, "
    "rate_micros = $5, offer_amount_cents = $6, percent = $7, status = $8, tlp = $9, "
    "access_orgs = $10, access_users = $11, updated_at = $12, version = $13 "
    "WHERE id = $1 AND version = $14";
constexpr char kPartyCondition[] =
    "(need_org = {value} OR offer_org = {value} OR implementer_org = {value})";
constexpr char kAllocationsNewestFirst[] = " ORDER BY created_at DESC, id DESC";
// access_users holds space-separated ids (record_rows.h join_ids).
constexpr char kRedReaderCondition[] =
    "(tlp <> 'RED' OR creator = {value} OR "
    "{value} = ANY(string_to_array(access_users, ' ')))";

constexpr char kInsertMeeting[] =
    "INSERT INTO meetings (id, title, agenda, minutes, attendance, status, updated_at, creator, "
    "version, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
constexpr char kFromMeetingById[] = " FROM meetings WHERE id = $1";
constexpr char kUpdateMeeting[] =
    "UPDATE meetings SET title = $2, agenda = $3, minutes = $4, attendance = $5, status = $6, "
    "updated_at = $7, version = $8 WHERE id = $1 AND version = $9";

constexpr char kInsertDecision[] =
    "INSERT INTO allocation_decisions (id, allocation, meeting, decision, reason, corrects, "
    "creator, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
constexpr char kFromDecisionById[] = " FROM allocation_decisions WHERE id = $1";
// Oldest first, ties in the order written (SQLite: rowid).
constexpr char kFromDecisionsOf[] =
    " FROM allocation_decisions WHERE allocation = $1 ORDER BY created_at, written";

constexpr char kInsertReport[] =
    "INSERT INTO delivery_reports (id, allocation, percent, note, milestone, attachment_name, "
    "attachment_type, attachment_base64, creator, created_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
constexpr char kFromReportsOf[] =
    " FROM delivery_reports WHERE allocation = $1 ORDER BY created_at, written";

constexpr char kSelectIdempotency[] =
    "SELECT allocation, action FROM idempotency_keys WHERE user_id = $1 AND key = $2";
constexpr char kInsertIdempotency[] =
    "INSERT INTO idempotency_keys (user_id, key, action, allocation, created_at) "
    "VALUES ($1, $2, $3, $4, $5)";

std::string select(const char* columns, const char* from) {
  return std::string("SELECT ") + columns + from;
}

// $1..$12 of kInsertAllocation and kUpdateAllocation: the mutable state.
std::vector<Param> allocation_state(const Allocation& allocation) {
  return {allocation.id,
          allocation.implementer_org,
          allocation.committing_org,
          allocation.currency,
          allocation.rate_micros,
          allocation.offer_amount,
          allocation.percent,
          to_string(allocation.status),
          to_string(allocation.tlp),
          rows::join_ids(allocation.access.orgs),
          rows::join_ids(allocation.access.users),
          allocation.updated_at};
}

// $1..$7 of kInsertMeeting and kUpdateMeeting.
std::vector<Param> meeting_state(const Meeting& meeting) {
  return {meeting.id,
          meeting.title,
          meeting.agenda,
          meeting.minutes,
          rows::join_ids(meeting.attendance),
          to_string(meeting.status),
          meeting.updated_at};
}

Result<MatchingRun> read_run(const Row& row) { return rows::matching_run(row); }
Result<Allocation> read_allocation(const Row& row) { return rows::allocation(row); }

// The conditions of `filter` on an allocation, each with its one value.
std::vector<Condition> allocation_conditions(const AllocationFilter& filter) {
  std::vector<Condition> conditions;
  if (filter.party_org) conditions.push_back({kPartyCondition, *filter.party_org});
  if (filter.need) conditions.push_back({"need = {value}", *filter.need});
  if (filter.offer) conditions.push_back({"offer = {value}", *filter.offer});
  if (filter.proposal) conditions.push_back({"proposal = {value}", *filter.proposal});
  if (filter.run) conditions.push_back({"run = {value}", *filter.run});
  if (filter.red_reader) conditions.push_back({kRedReaderCondition, *filter.red_reader});
  return conditions;
}
Result<Meeting> read_meeting(const Row& row) { return rows::meeting(row); }
Result<AllocationDecision> read_decision(const Row& row) { return rows::decision(row); }
Result<DeliveryReport> read_report(const Row& row) { return rows::report(row); }

}  // namespace

Status insert_run(Connection& connection, const MatchingRun& run) {
  return connection
      .exec(kInsertRun,
            {run.id, run.creator, run.engine_version, rows::format_double(run.time_limit_seconds),
             run.status, rows::format_double(run.objective), rows::format_double(run.bound),
             run.input_json, run.input_sha256, run.result_json, run.created_at})
      .status();
}

Result<MatchingRun> find_run(Connection& connection, const Id& id) {
  TALLINN_ASSIGN_OR_RETURN(Rows rows,
                           connection.exec(select(rows::kMatchingRunColumns, kFromRunById), {id}));
  return read_one<MatchingRun>(rows, read_run);
}

Status insert_proposal(Connection& connection, const Proposal& proposal) {
  return connection
      .exec(kInsertProposal, {proposal.id, proposal.run, proposal.creator, proposal.created_at})
      .status();
}

Status insert_allocation(Connection& connection, const Allocation& allocation) {
  std::vector<Param> params = allocation_state(allocation);
  params.insert(params.end(),
                {allocation.proposal, allocation.run, allocation.need, allocation.offer,
                 allocation.need_org, allocation.offer_org, allocation.amount, allocation.creator,
                 allocation.version, allocation.created_at});
  return connection.exec(kInsertAllocation, params).status();
}

Result<Allocation> find_allocation(Connection& connection, const Id& id) {
  TALLINN_ASSIGN_OR_RETURN(
      Rows rows, connection.exec(select(rows::kAllocationColumns, kFromAllocationById), {id}));
  return read_one<Allocation>(rows, read_allocation);
}

Status update_allocation(Connection& connection, const Allocation& allocation,
                         int64_t expected_version) {
  std::vector<Param> params = allocation_state(allocation);
  params.insert(params.end(), {expected_version + 1, expected_version});
  TALLINN_ASSIGN_OR_RETURN(Rows changed, connection.exec(kUpdateAllocation, params));
  return finish_versioned_update(connection, "allocations", allocation.id, changed);
}

Result<std::vector<Allocation>> list_allocations(Connection& connection,
                                                 const AllocationFilter& filter) {
  Query query{select(rows::kAllocationColumns, kFromAllocations), {}};
  query.sql += and_conditions(query, allocation_conditions(filter));
  query.sql += kAllocationsNewestFirst;
  TALLINN_ASSIGN_OR_RETURN(Rows rows, connection.exec(query));
  return read_all<Allocation>(rows, read_allocation);
}

Result<Page<Allocation>> page_allocations(Connection& connection, const AllocationFilter& filter,
                                          const PageRequest& page) {
  TALLINN_ASSIGN_OR_RETURN(Rows rows,
                           select_by_time(connection, rows::kAllocationColumns, "allocations",
                                          allocation_conditions(filter), page));
  return read_page<Allocation>(rows, page.limit, read_allocation);
}

Status insert_meeting(Connection& connection, const Meeting& meeting) {
  std::vector<Param> params = meeting_state(meeting);
  params.insert(params.end(), {meeting.creator, meeting.version, meeting.created_at});
  return connection.exec(kInsertMeeting, params).status();
}

Result<Meeting> find_meeting(Connection& connection, const Id& id) {
  TALLINN_ASSIGN_OR_RETURN(Rows rows,
                           connection.exec(select(rows::kMeetingColumns, kFromMeetingById), {id}));
  return read_one<Meeting>(rows, read_meeting);
}

Status update_meeting(Connection& connection, const Meeting& meeting, int64_t expected_version) {
  std::vector<Param> params = meeting_state(meeting);
  params.insert(params.end(), {expected_version + 1, expected_version});
  TALLINN_ASSIGN_OR_RETURN(Rows changed, connection.exec(kUpdateMeeting, params));
  return finish_versioned_update(connection, "meetings", meeting.id, changed);
}

Status insert_decision(Connection& connection, const AllocationDecision& decision) {
  return connection
      .exec(kInsertDecision,
            {decision.id, decision.allocation, decision.meeting, to_string(decision.decision),
             decision.reason, decision.corrects, decision.creator, decision.created_at})
      .status();
}

Result<AllocationDecision> find_decision(Connection& connection, const Id& id) {
  TALLINN_ASSIGN_OR_RETURN(
      Rows rows, connection.exec(select(rows::kDecisionColumns, kFromDecisionById), {id}));
  return read_one<AllocationDecision>(rows, read_decision);
}

Result<std::vector<AllocationDecision>> decisions_of(Connection& connection, const Id& allocation) {
  TALLINN_ASSIGN_OR_RETURN(
      Rows rows, connection.exec(select(rows::kDecisionColumns, kFromDecisionsOf), {allocation}));
  return read_all<AllocationDecision>(rows, read_decision);
}

Status insert_report(Connection& connection, const DeliveryReport& report) {
  std::optional<std::string> name, type, data;
  if (report.attachment) {
    name = report.attachment->name;
    type = report.attachment->content_type;
    data = report.attachment->base64;
  }
  return connection
      .exec(kInsertReport, {report.id, report.allocation, report.percent, report.note,
                            report.milestone, name, type, data, report.creator, report.created_at})
      .status();
}

Result<std::vector<DeliveryReport>> reports_of(Connection& connection, const Id& allocation) {
  TALLINN_ASSIGN_OR_RETURN(
      Rows rows, connection.exec(select(rows::kReportColumns, kFromReportsOf), {allocation}));
  return read_all<DeliveryReport>(rows, read_report);
}

Result<std::optional<Id>> idempotent_allocation(Connection& connection, const Id& user,
                                                const std::string& key, const std::string& action) {
  TALLINN_ASSIGN_OR_RETURN(Rows rows, connection.exec(kSelectIdempotency, {user, key}));
  if (rows.size() == 0) return std::optional<Id>();
  if (rows[0].text(1) != action) {
    return Status(ErrorCode::kConflict, "the Idempotency-Key was used for another action");
  }
  return std::optional<Id>(rows[0].text(0));
}

Status insert_idempotency_key(Connection& connection, const Id& user, const std::string& key,
                              const std::string& action, const Id& allocation, int64_t created_at) {
  return connection.exec(kInsertIdempotency, {user, key, action, allocation, created_at}).status();
}

}  // namespace tallinn::store::postgres::coordination
