#include "store/sqlite/audit_repository.h"

#include "store/cursor.h"
#include "store/paging.h"
#include "store/sqlite/columns.h"
#include "store/sqlite/queries.h"

namespace tallinn::store::sqlite::audit {
namespace {

// Column order read by read_entry().
#define TALLINN_AUDIT_COLUMNS                                                        \
  "sequence, time, actor_user, actor_org, action, record_type, record_id, outcome, " \
  "changed_fields, state_digest, previous_hash, hash"

constexpr char kSelectLast[] =
    "SELECT " TALLINN_AUDIT_COLUMNS " FROM audit ORDER BY sequence DESC LIMIT 1";
constexpr char kSelectPage[] = "SELECT " TALLINN_AUDIT_COLUMNS
                               " FROM audit WHERE sequence < :before "
                               "ORDER BY sequence DESC LIMIT :limit";
// outcome = 'ok' OR :include_refused: one statement for both readers, so the
// index audit_by_record (record_type, record_id, sequence) serves both.
constexpr char kSelectRecordPage[] = "SELECT " TALLINN_AUDIT_COLUMNS
                                     " FROM audit WHERE record_type = :record_type "
                                     "AND record_id = :record_id AND sequence < :before "
                                     "AND (outcome = 'ok' OR :include_refused) "
                                     "ORDER BY sequence DESC LIMIT :limit";
constexpr char kSelectAll[] = "SELECT " TALLINN_AUDIT_COLUMNS " FROM audit ORDER BY sequence";
constexpr char kInsert[] =
    "INSERT INTO audit (" TALLINN_AUDIT_COLUMNS
    ") VALUES (:sequence, :time, :actor_user, :actor_org, :action, :record_type, :record_id, "
    ":outcome, :changed_fields, :state_digest, :previous_hash, :hash)";

#undef TALLINN_AUDIT_COLUMNS

AuditEntry read_entry(const Statement& row) { return rows::audit_entry(StatementRow(row)); }

}  // namespace

Result<std::optional<AuditEntry>> last(Connection& connection) {
  TALLINN_ASSIGN_OR_RETURN(Statement query, connection.prepare(kSelectLast));
  TALLINN_ASSIGN_OR_RETURN(bool row, query.step());
  if (!row) return std::optional<AuditEntry>();
  return std::optional<AuditEntry>(read_entry(query));
}

Status append(Connection& connection, const AuditEntry& entry) {
  TALLINN_ASSIGN_OR_RETURN(Statement statement, connection.prepare(kInsert));
  return statement.bind(":sequence", entry.sequence)
      .bind(":time", entry.time)
      .bind(":actor_user", entry.actor_user)
      .bind(":actor_org", entry.actor_org)
      .bind(":action", entry.action)
      .bind(":record_type", entry.record_type)
      .bind(":record_id", entry.record_id)
      .bind(":outcome", entry.outcome)
      .bind(":changed_fields", entry.changed_fields)
      .bind(":state_digest", entry.state_digest)
      .bind(":previous_hash", entry.previous_hash)
      .bind(":hash", entry.hash)
      .run();
}

Result<Page<AuditEntry>> list(Connection& connection, const PageRequest& page) {
  TALLINN_ASSIGN_OR_RETURN(int64_t before, audit_page_start(page));
  TALLINN_ASSIGN_OR_RETURN(Statement query, connection.prepare(kSelectPage));
  query.bind(":before", before).bind(":limit", int64_t{page.limit} + 1);
  std::vector<AuditEntry> items;
  TALLINN_RETURN_IF_ERROR(visit_rows(query, [&](const Statement& row) {
    items.push_back(read_entry(row));
    return Status::ok();
  }));
  return audit_page(std::move(items), page.limit);
}

Result<Page<AuditEntry>> list_for_record(Connection& connection, const std::string& record_type,
                                         const Id& record_id, bool include_refused,
                                         const PageRequest& page) {
  TALLINN_ASSIGN_OR_RETURN(int64_t before, audit_page_start(page));
  TALLINN_ASSIGN_OR_RETURN(Statement query, connection.prepare(kSelectRecordPage));
  query.bind(":record_type", record_type)
      .bind(":record_id", record_id)
      .bind(":before", before)
      .bind(":include_refused", int64_t{include_refused ? 1 : 0})
      .bind(":limit", int64_t{page.limit} + 1);
  std::vector<AuditEntry> items;
  TALLINN_RETURN_IF_ERROR(visit_rows(query, [&](const Statement& row) {
    items.push_back(read_entry(row));
    return Status::ok();
  }));
  return audit_page(std::move(items), page.limit);
}

Status scan(Connection& connection, const std::function<Status(const AuditEntry&)>& visit) {
  TALLINN_ASSIGN_OR_RETURN(Statement query, connection.prepare(kSelectAll));
  return visit_rows(query, [&](const Statement& row) { return visit(read_entry(row)); });
}

}  // namespace tallinn::store::sqlite::audit
