// A SQLite connection: the RAII owner of one sqlite3 handle, its pragmas and
// its cache of prepared statements.
//
// Not thread-safe: one thread uses a Connection at a time (the pool in
// sqlite_store.cpp hands each to one Transaction). Errors become Status
// values through error(), which sends SQLite's own message and the SQL to
// the log hook and never into the Status.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/status.h"
#include "store/sqlite/statement.h"

struct sqlite3;
struct sqlite3_stmt;

namespace tallinn::store::sqlite {

// Receives the details of a failure (SQLite's message, the SQL): for the
// operator's log, never for a client.
using LogSink = std::function<void(std::string_view detail)>;

// Told, as each statement is reset, how many virtual-machine steps it took:
// the measure of work the paging tests assert on.
using StatementObserver = std::function<void(std::string_view sql, int64_t vm_steps)>;

struct ConnectionHooks {
  LogSink log;                // may be empty
  StatementObserver observe;  // may be empty
};

class Connection {
 public:
  // Opens (creating if needed) the database file at `path` and applies the
  // pragmas every connection uses: WAL, synchronous=FULL, foreign_keys=ON and
  // a busy timeout. `query_only` connections refuse writes. `hooks` must
  // outlive the connection. kUnavailable when the file cannot be opened.
  static Result<std::unique_ptr<Connection>> open(const std::string& path, int busy_timeout_ms,
                                                  bool query_only, const ConnectionHooks* hooks);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one or more statements without parameters (pragmas, migrations).
  Status exec(std::string_view sql);
  // Runs one statement without parameters through the statement cache: for
  // BEGIN and COMMIT, which every transaction runs, so they are parsed once.
  Status run(std::string_view sql);
  // A statement ready to bind; reuses a cached one for the same SQL text.
  Result<Statement> prepare(std::string_view sql);

  // Rows changed by the last INSERT, UPDATE or DELETE.
  int64_t changes() const;
  // True between BEGIN and COMMIT/ROLLBACK.
  bool in_transaction() const;

  // Turns a SQLite result code into a Status: kConflict for constraint
  // violations, kUnavailable when the database is busy, locked or cannot be
  // read or written, kInternal otherwise. Logs the details with `context`.
  Status error(int rc, std::string_view context) const;

 private:
  friend class Statement;
  Connection(sqlite3* db, const ConnectionHooks* hooks);
  // Takes back a statement that has been reset; finalises it when the cache
  // is full or already holds one for the same SQL.
  void recycle(std::string sql, sqlite3_stmt* stmt);
  void report(int64_t vm_steps, std::string_view sql) const;

  sqlite3* db_;
  const ConnectionHooks* hooks_;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

}  // namespace tallinn::store::sqlite
