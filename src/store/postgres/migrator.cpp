#include "store/postgres/migrator.h"

#include "store/postgres/transaction.h"

namespace tallinn::store::postgres {
namespace {

constexpr char kCreateMigrationsTable[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "  version INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  applied_at BIGINT NOT NULL)";
constexpr char kIsApplied[] = "SELECT 1 FROM schema_migrations WHERE version = $1";
constexpr char kRecordMigration[] =
    "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)";
constexpr char kAppliedVersions[] = "SELECT version FROM schema_migrations ORDER BY version";
constexpr char kCommit[] = "COMMIT";
constexpr char kRollback[] = "ROLLBACK";

// Runs under the write lock, so a second node waits and then sees the
// migration recorded. The table is created here too: CREATE TABLE IF NOT
// EXISTS is not safe from two sessions at once.
Status apply_one(Connection& connection, const Migration& migration, int64_t now_ms) {
  TALLINN_RETURN_IF_ERROR(connection.exec_script(kCreateMigrationsTable));
  TALLINN_ASSIGN_OR_RETURN(Rows applied, connection.exec(kIsApplied, {migration.version}));
  if (applied.size() > 0) return Status::ok();
  TALLINN_RETURN_IF_ERROR(connection.exec_script(migration.sql));
  return connection.exec(kRecordMigration, {migration.version, migration.name, now_ms}).status();
}

}  // namespace

Status apply_migrations(Connection& connection, const std::vector<Migration>& all, int64_t now_ms) {
  for (const Migration& migration : all) {
    TALLINN_RETURN_IF_ERROR(connection.exec_script(kBeginWrite));
    Status status = apply_one(connection, migration, now_ms);
    if (status.is_ok()) status = connection.exec_script(kCommit);
    if (!status.is_ok()) {
      if (connection.in_transaction()) connection.exec_script(kRollback);
      return status;
    }
  }
  return Status::ok();
}

Result<std::vector<int>> applied_migrations(Connection& connection) {
  TALLINN_ASSIGN_OR_RETURN(Rows rows, connection.exec(kAppliedVersions));
  std::vector<int> versions;
  for (int index = 0; index < rows.size(); ++index) {
    versions.push_back(static_cast<int>(rows[index].int64(0)));
  }
  return versions;
}

}  // namespace tallinn::store::postgres
