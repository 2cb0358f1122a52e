#include "store/sqlite/migrator.h"

namespace tallinn::store::sqlite {
namespace {

constexpr char kCreateMigrationsTable[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "  version INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  applied_at INTEGER NOT NULL)";
constexpr char kIsApplied[] = "SELECT 1 FROM schema_migrations WHERE version = :version";
constexpr char kRecordMigration[] =
    "INSERT INTO schema_migrations (version, name, applied_at) "
    "VALUES (:version, :name, :applied_at)";
constexpr char kAppliedVersions[] = "SELECT version FROM schema_migrations ORDER BY version";

Result<bool> is_applied(Connection& connection, int version) {
  TALLINN_ASSIGN_OR_RETURN(Statement query, connection.prepare(kIsApplied));
  query.bind(":version", int64_t{version});
  return query.step();
}

// Runs inside BEGIN IMMEDIATE, so a second process waits and then sees the
// migration recorded.
Status apply_one(Connection& connection, const Migration& migration, int64_t now_ms) {
  TALLINN_ASSIGN_OR_RETURN(bool applied, is_applied(connection, migration.version));
  if (applied) return Status::ok();
  TALLINN_RETURN_IF_ERROR(connection.exec(migration.sql));
  TALLINN_ASSIGN_OR_RETURN(Statement record, connection.prepare(kRecordMigration));
  record.bind(":version", int64_t{migration.version})
      .bind(":name", std::string_view(migration.name))
      .bind(":applied_at", now_ms);
  return record.run();
}

}  // namespace

Status apply_migrations(Connection& connection, const std::vector<Migration>& all, int64_t now_ms) {
  TALLINN_RETURN_IF_ERROR(connection.exec(kCreateMigrationsTable));
  for (const Migration& migration : all) {
    TALLINN_RETURN_IF_ERROR(connection.exec("BEGIN IMMEDIATE"));
    Status status = apply_one(connection, migration, now_ms);
    if (status.is_ok()) status = connection.exec("COMMIT");
    if (!status.is_ok()) {
      if (connection.in_transaction()) connection.exec("ROLLBACK");
      return status;
    }
  }
  return Status::ok();
}

Result<std::vector<int>> applied_migrations(Connection& connection) {
  TALLINN_ASSIGN_OR_RETURN(Statement query, connection.prepare(kAppliedVersions));
  std::vector<int> versions;
  while (true) {
    TALLINN_ASSIGN_OR_RETURN(bool row, query.step());
    if (!row) return versions;
    versions.push_back(static_cast<int>(query.column_int64(0)));
  }
}

}  // namespace tallinn::store::sqlite
