#include "store/postgres/repositories.h"

namespace tallinn::store::postgres::failed_attempts {
namespace {

constexpr char kInsert[] =
    "INSERT INTO failed_attempts (attempt_key, failed_at, expires_at) VALUES ($1, $2, $3)";
// Served by failed_attempts_by_key: reads at most `limit` index entries.
constexpr char kNewest[] =
    "SELECT failed_at FROM failed_attempts WHERE attempt_key = $1 AND failed_at > $2 "
    "ORDER BY failed_at DESC LIMIT $3";
constexpr char kForget[] = "DELETE FROM failed_attempts WHERE expires_at <= $1";

}  // namespace

Status record(Connection& connection, const std::string& key, int64_t at_ms,
              int64_t expires_at_ms) {
  return connection.exec(kInsert, {key, at_ms, expires_at_ms}).status();
}

Result<std::vector<int64_t>> newest(Connection& connection, const std::string& key,
                                    int64_t after_ms, int limit) {
  TALLINN_ASSIGN_OR_RETURN(Rows rows, connection.exec(kNewest, {key, after_ms, limit}));
  std::vector<int64_t> times;
  for (int index = 0; index < rows.size(); ++index) times.push_back(rows[index].int64(0));
  return times;
}

Result<int64_t> forget(Connection& connection, int64_t now_ms) {
  TALLINN_ASSIGN_OR_RETURN(Rows deleted, connection.exec(kForget, {now_ms}));
  return deleted.affected();
}

}  // namespace tallinn::store::postgres::failed_attempts
