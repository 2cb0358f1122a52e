#include "store/postgres/queries.h"
#include "store/postgres/repositories.h"
#include "store/record_rows.h"

namespace tallinn::store::postgres::audit {
namespace {

// Column order read by read_entry().
#define TALLINN_AUDIT_COLUMNS                                                        \
  "sequence, time, actor_user, actor_org, action, record_type, record_id, outcome, " \
  "changed_fields, state_digest, previous_hash, hash"

constexpr char kSelectLast[] =
    "SELECT " TALLINN_AUDIT_COLUMNS " FROM audit ORDER BY sequence DESC LIMIT 1";
constexpr char kSelectPage[] = "SELECT " TALLINN_AUDIT_COLUMNS
                               " FROM audit WHERE sequence < $1 ORDER BY sequence DESC LIMIT $2";
// outcome = 'ok' OR $4: one statement for both readers, served by the index
// audit_by_record (record_type, record_id, sequence).
constexpr char kSelectRecordPage[] =
    "SELECT " TALLINN_AUDIT_COLUMNS
    " FROM audit WHERE record_type = $1 AND record_id = $2 AND sequence < $3 "
    "AND (outcome = 'ok' OR $4::boolean) ORDER BY sequence DESC LIMIT $5";
constexpr char kInsert[] = "INSERT INTO audit (" TALLINN_AUDIT_COLUMNS
                           ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";
// scan() reads the trail in batches, so a long trail never sits in memory.
constexpr char kSelectBatch[] =
    "SELECT " TALLINN_AUDIT_COLUMNS " FROM audit WHERE sequence > $1 ORDER BY sequence LIMIT $2";
constexpr int64_t kScanBatch = 1000;

#undef TALLINN_AUDIT_COLUMNS

Result<AuditEntry> read_entry(const Row& row) { return rows::audit_entry(row); }

}  // namespace

Result<std::optional<AuditEntry>> last(Connection& connection) {
  TALLINN_ASSIGN_OR_RETURN(Rows rows, connection.exec(kSelectLast));
  if (rows.size() == 0) return std::optional<AuditEntry>();
  TALLINN_ASSIGN_OR_RETURN(AuditEntry entry, read_entry(rows[0]));
  return std::optional<AuditEntry>(std::move(entry));
}

Status append(Connection& connection, const AuditEntry& entry) {
  return connection
      .exec(kInsert, {entry.sequence, entry.time, entry.actor_user, entry.actor_org, entry.action,
                      entry.record_type, entry.record_id, entry.outcome, entry.changed_fields,
                      entry.state_digest, entry.previous_hash, entry.hash})
      .status();
}

Result<Page<AuditEntry>> list(Connection& connection, const PageRequest& page) {
  TALLINN_ASSIGN_OR_RETURN(int64_t before, audit_page_start(page));
  TALLINN_ASSIGN_OR_RETURN(Rows rows,
                           connection.exec(kSelectPage, {before, int64_t{page.limit} + 1}));
  TALLINN_ASSIGN_OR_RETURN(std::vector<AuditEntry> items, read_all<AuditEntry>(rows, read_entry));
  return audit_page(std::move(items), page.limit);
}

Result<Page<AuditEntry>> list_for_record(Connection& connection, const std::string& record_type,
                                         const Id& record_id, bool include_refused,
                                         const PageRequest& page) {
  TALLINN_ASSIGN_OR_RETURN(int64_t before, audit_page_start(page));
  TALLINN_ASSIGN_OR_RETURN(
      Rows rows, connection.exec(kSelectRecordPage, {record_type, record_id, before,
                                                     include_refused, int64_t{page.limit} + 1}));
  TALLINN_ASSIGN_OR_RETURN(std::vector<AuditEntry> items, read_all<AuditEntry>(rows, read_entry));
  return audit_page(std::move(items), page.limit);
}

Status scan(Connection& connection, const std::function<Status(const AuditEntry&)>& visit) {
  int64_t after = 0;
  while (true) {
    TALLINN_ASSIGN_OR_RETURN(Rows rows, connection.exec(kSelectBatch, {after, kScanBatch}));
    TALLINN_ASSIGN_OR_RETURN(std::vector<AuditEntry> batch, read_all<AuditEntry>(rows, read_entry));
    for (const AuditEntry& entry : batch) TALLINN_RETURN_IF_ERROR(visit(entry));
    if (batch.size() < static_cast<size_t>(kScanBatch)) return Status::ok();
    after = batch.back().sequence;
  }
}

}  // namespace tallinn::store::postgres::audit
