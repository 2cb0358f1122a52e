#include "store/sqlite/coordination_repository.h"

#include "store/sqlite/columns.h"
#include "store/sqlite/queries.h"

namespace tallinn::store::sqlite::coordination {
namespace {

constexpr char kInsertRun[] =
    "INSERT INTO matching_runs (id, creator, engine_version, time_limit_seconds, status, "
    "objective, bound, input_json, input_sha256, result_json, created_at) VALUES (:id, :creator, "
    ":engine_version, :time_limit_seconds, :status, :objective, :bound, :input_json, "
    ":input_sha256, :result_json, :created_at)";
constexpr char kFromRunById[] = " FROM matching_runs WHERE id = :id";
constexpr char kInsertProposal[] =
    "INSERT INTO proposals (id, run, creator, created_at) "
    "VALUES (:id, :run, :creator, :created_at)";

constexpr char kInsertAllocation[] =
    "INSERT INTO allocations (id, proposal, run, need, offer, need_org, offer_org, "
    "implementer_org, committing_org, amount_cents, currency, rate_micros, offer_amount_cents, "
    "percent, status, tlp, access_orgs, access_users, creator, version, created_at, updated_at) "
    "VALUES (:id, :proposal, :run, :need, :offer, :need_org, :offer_org, :implementer_org, "
    ":committing_org, :amount_cents, :currency, :rate_micros, :offer_amount_cents, :percent, "
    ":status, :tlp, :access_orgs, :access_users, :creator, :version, :created_at, :updated_at)";
constexpr char kUpdateAllocation[] =
    "UPDATE allocations SET implementer_org = :implementer_org, committing_org = "
    ":committing_org, currency = :currency, rate_micros = :rate_micros, offer_amount_cents = "
    ":offer_amount_cents, percent = :percent, status = :status, tlp = :tlp, access_orgs = "
    ":access_orgs, access_users = :access_users, version = :version, updated_at = :updated_at "
    "WHERE id = :id AND version = :expected_version";

constexpr char kPartyCondition[] =
    "(r.need_org = :party OR r.offer_org = :party OR r.implementer_org = :party)";
// access_users holds space-separated ids (record_rows.h join_ids).
constexpr char kRedReaderCondition[] =
    "(r.tlp <> 'RED' OR r.creator = :red_reader OR "
    "instr(' ' || r.access_users || ' ', ' ' || :red_reader || ' ') > 0)";

constexpr char kInsertMeeting[] =
    "INSERT INTO meetings (id, title, agenda, minutes, attendance, status, creator, version, "
    "created_at, updated_at) VALUES (:id, :title, :agenda, :minutes, :attendance, :status, "
    ":creator, :version, :created_at, :updated_at)";
constexpr char kFromMeetingById[] = " FROM meetings WHERE id = :id";
constexpr char kUpdateMeeting[] =
    "UPDATE meetings SET title = :title, agenda = :agenda, minutes = :minutes, attendance = "
    ":attendance, status = :status, version = :version, updated_at = :updated_at "
    "WHERE id = :id AND version = :expected_version";

constexpr char kInsertDecision[] =
    "INSERT INTO allocation_decisions (id, allocation, meeting, decision, reason, corrects, "
    "creator, created_at) VALUES (:id, :allocation, :meeting, :decision, :reason, :corrects, "
    ":creator, :created_at)";

constexpr char kInsertReport[] =
    "INSERT INTO delivery_reports (id, allocation, percent, note, milestone, attachment_name, "
    "attachment_type, attachment_base64, creator, created_at) VALUES (:id, :allocation, "
    ":percent, :note, :milestone, :attachment_name, :attachment_type, :attachment_base64, "
    ":creator, :created_at)";

constexpr char kSelectIdempotency[] =
    "SELECT allocation, action FROM idempotency_keys WHERE user_id = :user AND key = :key";
constexpr char kInsertIdempotency[] =
    "INSERT INTO idempotency_keys (user_id, key, action, allocation, created_at) "
    "VALUES (:user, :key, :action, :allocation, :created_at)";

// The conditions of `filter` on the allocation `r`, each with its one
// parameter.
std::vector<Condition> allocation_conditions(const AllocationFilter& filter) {
  std::vector<Condition> conditions;
  if (filter.party_org) conditions.push_back({kPartyCondition, ":party", *filter.party_org});
  if (filter.need) conditions.push_back(column_equals("need", *filter.need));
  if (filter.offer) conditions.push_back(column_equals("offer", *filter.offer));
  if (filter.proposal) conditions.push_back(column_equals("proposal", *filter.proposal));
  if (filter.run) conditions.push_back(column_equals("run", *filter.run));
  if (filter.red_reader)
    conditions.push_back({kRedReaderCondition, ":red_reader", *filter.red_reader});
  return conditions;
}

void bind_allocation_state(Statement& statement, const Allocation& allocation) {
  statement.bind(":id", allocation.id)
      .bind(":implementer_org", allocation.implementer_org)
      .bind(":committing_org", allocation.committing_org)
      .bind(":currency", allocation.currency)
      .bind(":rate_micros", allocation.rate_micros)
      .bind(":offer_amount_cents", allocation.offer_amount)
      .bind(":percent", int64_t{allocation.percent})
      .bind(":status", to_string(allocation.status))
      .bind(":tlp", to_string(allocation.tlp))
      .bind(":access_orgs", rows::join_ids(allocation.access.orgs))
      .bind(":access_users", rows::join_ids(allocation.access.users))
      .bind(":updated_at", allocation.updated_at);
}

void bind_meeting_state(Statement& statement, const Meeting& meeting) {
  statement.bind(":id", meeting.id)
      .bind(":title", meeting.title)
      .bind(":agenda", meeting.agenda)
      .bind(":minutes", meeting.minutes)
      .bind(":attendance", rows::join_ids(meeting.attendance))
      .bind(":status", to_string(meeting.status))
      .bind(":updated_at", meeting.updated_at);
}

Result<MatchingRun> read_run(const Statement& row) { return rows::matching_run(StatementRow(row)); }
Result<Allocation> read_allocation(const Statement& row) {
  return rows::allocation(StatementRow(row));
}
Result<Meeting> read_meeting(const Statement& row) { return rows::meeting(StatementRow(row)); }
Result<AllocationDecision> read_decision(const Statement& row) {
  return rows::decision(StatementRow(row));
}
Result<DeliveryReport> read_report(const Statement& row) { return rows::report(StatementRow(row)); }

template <typename T>
Result<std::vector<T>> read_all(Statement& query, Result<T> (*read)(const Statement&)) {
  std::vector<T> items;
  TALLINN_RETURN_IF_ERROR(visit_rows(query, [&](const Statement& row) -> Status {
    TALLINN_ASSIGN_OR_RETURN(T item, read(row));
    items.push_back(std::move(item));
    return Status::ok();
  }));
  return items;
}

}  // namespace

Status insert_run(Connection& connection, const MatchingRun& run) {
  TALLINN_ASSIGN_OR_RETURN(Statement statement, connection.prepare(kInsertRun));
  statement.bind(":id", run.id)
      .bind(":creator", run.creator)
      .bind(":engine_version", run.engine_version)
      .bind(":time_limit_seconds", rows::format_double(run.time_limit_seconds))
      .bind(":status", run.status)
      .bind(":objective", rows::format_double(run.objective))
      .bind(":bound", rows::format_double(run.bound))
      .bind(":input_json", run.input_json)
      .bind(":input_sha256", run.input_sha256)
      .bind(":result_json", run.result_json)
      .bind(":created_at", run.created_at);
  return statement.run();
}

Result<MatchingRun> find_run(Connection& connection, const Id& id) {
  TALLINN_ASSIGN_OR_RETURN(
      Statement query,
      connection.prepare(std::string("SELECT ") + rows::kMatchingRunColumns + kFromRunById));
  query.bind(":id", id);
  return read_one<MatchingRun>(query, read_run);
}

Status insert_proposal(Connection& connection, const Proposal& proposal) {
  TALLINN_ASSIGN_OR_RETURN(Statement statement, connection.prepare(kInsertProposal));
  statement.bind(":id", proposal.id)
      .bind(":run", proposal.run)
      .bind(":creator", proposal.creator)
      .bind(":created_at", proposal.created_at);
  return statement.run();
}

Status insert_allocation(Connection& connection, const Allocation& allocation) {
  TALLINN_ASSIGN_OR_RETURN(Statement statement, connection.prepare(kInsertAllocation));
  bind_allocation_state(statement, allocation);
  statement.bind(":proposal", allocation.proposal)
      .bind(":run", allocation.run)
      .bind(":need", allocation.need)
      .bind(":offer", allocation.offer)
      .bind(":need_org", allocation.need_org)
      .bind(":offer_org", allocation.offer_org)
      .bind(":amount_cents", allocation.amount)
      .bind(":creator", allocation.creator)
      .bind(":version", allocation.version)
      .bind(":created_at", allocation.created_at);
  return statement.run();
}

Result<Allocation> find_allocation(Connection& connection, const Id& id) {
  TALLINN_ASSIGN_OR_RETURN(Statement query,
                           connection.prepare(std::string("SELECT ") + rows::kAllocationColumns +
                                              " FROM allocations WHERE id = :id"));
  query.bind(":id", id);
  return read_one<Allocation>(query, read_allocation);
}

Status update_allocation(Connection& connection, const Allocation& allocation,
                         int64_t expected_version) {
  TALLINN_ASSIGN_OR_RETURN(Statement statement, connection.prepare(kUpdateAllocation));
  bind_allocation_state(statement, allocation);
  statement.bind(":version", expected_version + 1).bind(":expected_version", expected_version);
  TALLINN_RETURN_IF_ERROR(statement.run());
  return finish_versioned_update(connection, "allocations", allocation.id);
}

Result<std::vector<Allocation>> list_allocations(Connection& connection,
                                                 const AllocationFilter& filter) {
  const std::vector<Condition> conditions = allocation_conditions(filter);
  std::string sql =
      std::string("SELECT ") + rows::kAllocationColumns + " FROM allocations r WHERE 1 = 1";
  for (const Condition& condition : conditions) sql += " AND " + condition.sql;
  sql += " ORDER BY r.created_at DESC, r.id DESC";
  TALLINN_ASSIGN_OR_RETURN(Statement query, connection.prepare(sql));
  for (const Condition& condition : conditions) query.bind(condition.param, condition.value);
  return read_all<Allocation>(query, read_allocation);
}

Result<Page<Allocation>> page_allocations(Connection& connection, const AllocationFilter& filter,
                                          const PageRequest& page) {
  const std::vector<Condition> conditions = allocation_conditions(filter);
  return collect_page<Allocation>(
      page.limit,
      [&](const RowVisitor& visit) {
        return visit_by_time(connection, rows::kAllocationColumns, "allocations", conditions, page,
                             visit);
      },
      read_allocation);
}

Status insert_meeting(Connection& connection, const Meeting& meeting) {
  TALLINN_ASSIGN_OR_RETURN(Statement statement, connection.prepare(kInsertMeeting));
  bind_meeting_state(statement, meeting);
  statement.bind(":creator", meeting.creator)
      .bind(":version", meeting.version)
      .bind(":created_at", meeting.created_at);
  return statement.run();
}

Result<Meeting> find_meeting(Connection& connection, const Id& id) {
  TALLINN_ASSIGN_OR_RETURN(
      Statement query,
      connection.prepare(std::string("SELECT ") + rows::kMeetingColumns + kFromMeetingById));
  query.bind(":id", id);
  return read_one<Meeting>(query, read_meeting);
}

Status update_meeting(Connection& connection, const Meeting& meeting, int64_t expected_version) {
  TALLINN_ASSIGN_OR_RETURN(Statement statement, connection.prepare(kUpdateMeeting));
  bind_meeting_state(statement, meeting);
  statement.bind(":version", expected_version + 1).bind(":expected_version", expected_version);
  TALLINN_RETURN_IF_ERROR(statement.run());
  return finish_versioned_update(connection, "meetings", meeting.id);
}

Status insert_decision(Connection& connection, const AllocationDecision& decision) {
  TALLINN_ASSIGN_OR_RETURN(Statement statement, connection.prepare(kInsertDecision));
  statement.bind(":id", decision.id)
      .bind(":allocation", decision.allocation)
      .bind(":meeting", decision.meeting)
      .bind(":decision", to_string(decision.decision))
      .bind(":reason", decision.reason)
      .bind_optional(":corrects", decision.corrects)
      .bind(":creator", decision.creator)
      .bind(":created_at", decision.created_at);
  return statement.run();
}

Result<AllocationDecision> find_decision(Connection& connection, const Id& id) {
  TALLINN_ASSIGN_OR_RETURN(Statement query,
                           connection.prepare(std::string("SELECT ") + rows::kDecisionColumns +
                                              " FROM allocation_decisions WHERE id = :id"));
  query.bind(":id", id);
  return read_one<AllocationDecision>(query, read_decision);
}

Result<std::vector<AllocationDecision>> decisions_of(Connection& connection, const Id& allocation) {
  TALLINN_ASSIGN_OR_RETURN(
      Statement query,
      connection.prepare(std::string("SELECT ") + rows::kDecisionColumns +
                         " FROM allocation_decisions WHERE allocation = :allocation "
                         "ORDER BY created_at, rowid"));
  query.bind(":allocation", allocation);
  return read_all<AllocationDecision>(query, read_decision);
}

Status insert_report(Connection& connection, const DeliveryReport& report) {
  TALLINN_ASSIGN_OR_RETURN(Statement statement, connection.prepare(kInsertReport));
  std::optional<std::string> name, type, data;
  if (report.attachment) {
    name = report.attachment->name;
    type = report.attachment->content_type;
    data = report.attachment->base64;
  }
  statement.bind(":id", report.id)
      .bind(":allocation", report.allocation)
      .bind(":percent", int64_t{report.percent})
      .bind(":note", report.note)
      .bind(":milestone", report.milestone)
      .bind_optional(":attachment_name", name)
      .bind_optional(":attachment_type", type)
      .bind_optional(":attachment_base64", data)
      .bind(":creator", report.creator)
      .bind(":created_at", report.created_at);
  return statement.run();
}

Result<std::vector<DeliveryReport>> reports_of(Connection& connection, const Id& allocation) {
  TALLINN_ASSIGN_OR_RETURN(Statement query,
                           connection.prepare(std::string("SELECT ") + rows::kReportColumns +
                                              " FROM delivery_reports WHERE allocation = "
                                              ":allocation ORDER BY created_at, rowid"));
  query.bind(":allocation", allocation);
  return read_all<DeliveryReport>(query, read_report);
}

Result<std::optional<Id>> idempotent_allocation(Connection& connection, const Id& user,
                                                const std::string& key, const std::string& action) {
  TALLINN_ASSIGN_OR_RETURN(Statement query, connection.prepare(kSelectIdempotency));
  query.bind(":user", user).bind(":key", key);
  TALLINN_ASSIGN_OR_RETURN(bool row, query.step());
  if (!row) return std::optional<Id>();
  if (query.column_text(1) != action) {
    return Status(ErrorCode::kConflict, "the Idempotency-Key was used for another action");
  }
  return std::optional<Id>(query.column_text(0));
}

Status insert_idempotency_key(Connection& connection, const Id& user, const std::string& key,
                              const std::string& action, const Id& allocation, int64_t created_at) {
  TALLINN_ASSIGN_OR_RETURN(Statement statement, connection.prepare(kInsertIdempotency));
  statement.bind(":user", user)
      .bind(":key", key)
      .bind(":action", action)
      .bind(":allocation", allocation)
      .bind(":created_at", created_at);
  return statement.run();
}

}  // namespace tallinn::store::sqlite::coordination
