#include "store/sqlite/connection.h"

#include <sqlite3.h>

#include <string>

namespace tallinn::store::sqlite {
namespace {

// Enough for the fixed statements of every repository and the common shapes
// of list queries; rarer list shapes are prepared each time.
constexpr size_t kStatementCacheSize = 96;

constexpr char kConnectionPragmas[] =
    "PRAGMA journal_mode = WAL;"
    "PRAGMA synchronous = FULL;"
    "PRAGMA foreign_keys = ON;";

bool is_unavailable(int primary_code) {
  switch (primary_code) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_NOTADB:
    case SQLITE_PROTOCOL:
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return true;
    default:
      return false;
  }
}

}  // namespace

Connection::Connection(sqlite3* db, const ConnectionHooks* hooks) : db_(db), hooks_(hooks) {}

Result<std::unique_ptr<Connection>> Connection::open(const std::string& path, int busy_timeout_ms,
                                                     bool query_only,
                                                     const ConnectionHooks* hooks) {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  std::unique_ptr<Connection> connection(new Connection(db, hooks));
  if (rc != SQLITE_OK) {
    connection->error(rc, "open " + path);
    return Status(ErrorCode::kUnavailable, "database unavailable");
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, busy_timeout_ms);
  TALLINN_RETURN_IF_ERROR(connection->exec(kConnectionPragmas));
  if (query_only) TALLINN_RETURN_IF_ERROR(connection->exec("PRAGMA query_only = ON;"));
  return connection;
}

Connection::~Connection() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

Status Connection::exec(std::string_view sql) {
  std::string text(sql);
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return error(rc, text);
  return Status::ok();
}

Status Connection::run(std::string_view sql) {
  TALLINN_ASSIGN_OR_RETURN(Statement statement, prepare(sql));
  return statement.run();
}

Result<Statement> Connection::prepare(std::string_view sql) {
  std::string text(sql);
  auto cached = cache_.find(text);
  if (cached != cache_.end()) {
    sqlite3_stmt* stmt = cached->second;
    cache_.erase(cached);
    return Statement(this, stmt, std::move(text));
  }
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, text.data(), static_cast<int>(text.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return error(rc, text);
  return Statement(this, stmt, std::move(text));
}

void Connection::recycle(std::string sql, sqlite3_stmt* stmt) {
  if (cache_.size() >= kStatementCacheSize || cache_.count(sql) != 0) {
    sqlite3_finalize(stmt);
    return;
  }
  cache_.emplace(std::move(sql), stmt);
}

void Connection::report(int64_t vm_steps, std::string_view sql) const {
  if (hooks_ != nullptr && hooks_->observe) hooks_->observe(sql, vm_steps);
}

int64_t Connection::changes() const { return sqlite3_changes64(db_); }

bool Connection::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

Status Connection::error(int rc, std::string_view context) const {
  if (hooks_ != nullptr && hooks_->log) {
    std::string detail = "sqlite error ";
    detail += std::to_string(rc);
    detail += " (";
    detail += db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    detail += ") in: ";
    detail += context;
    hooks_->log(detail);
  }
  int primary_code = rc & 0xff;
  if (primary_code == SQLITE_CONSTRAINT) return conflict("conflicts with stored data");
  if (is_unavailable(primary_code)) {
    return Status(ErrorCode::kUnavailable, "database unavailable");
  }
  return internal_error();
}

}  // namespace tallinn::store::sqlite
