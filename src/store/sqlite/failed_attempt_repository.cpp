#include "store/sqlite/failed_attempt_repository.h"

#include "store/sqlite/queries.h"

namespace tallinn::store::sqlite::failed_attempts {
namespace {

constexpr char kInsert[] =
    "INSERT INTO failed_attempts (attempt_key, failed_at, expires_at) "
    "VALUES (:key, :failed_at, :expires_at)";
// Served by failed_attempts_by_key: reads at most `limit` index entries.
constexpr char kNewest[] =
    "SELECT failed_at FROM failed_attempts WHERE attempt_key = :key AND failed_at > :after "
    "ORDER BY failed_at DESC LIMIT :limit";
constexpr char kForget[] = "DELETE FROM failed_attempts WHERE expires_at <= :now";

}  // namespace

Status record(Connection& connection, const std::string& key, int64_t at_ms,
              int64_t expires_at_ms) {
  TALLINN_ASSIGN_OR_RETURN(Statement statement, connection.prepare(kInsert));
  return statement.bind(":key", key)
      .bind(":failed_at", at_ms)
      .bind(":expires_at", expires_at_ms)
      .run();
}

Result<std::vector<int64_t>> newest(Connection& connection, const std::string& key,
                                    int64_t after_ms, int limit) {
  TALLINN_ASSIGN_OR_RETURN(Statement query, connection.prepare(kNewest));
  query.bind(":key", key).bind(":after", after_ms).bind(":limit", int64_t{limit});
  std::vector<int64_t> times;
  TALLINN_RETURN_IF_ERROR(visit_rows(query, [&](const Statement& row) {
    times.push_back(row.column_int64(0));
    return Status::ok();
  }));
  return times;
}

Result<int64_t> forget(Connection& connection, int64_t now_ms) {
  TALLINN_ASSIGN_OR_RETURN(Statement statement, connection.prepare(kForget));
  TALLINN_RETURN_IF_ERROR(statement.bind(":now", now_ms).run());
  return connection.changes();
}

}  // namespace tallinn::store::sqlite::failed_attempts
