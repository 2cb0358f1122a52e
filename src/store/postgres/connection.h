// A PostgreSQL connection through libpq: the RAII owner of one PGconn, and
// statements run on it with parameters bound by libpq (never spliced into
// the SQL text).
//
// Not thread-safe: one thread uses a Connection at a time (the pool hands
// each to one Transaction). Failures become Status values; the server's
// message and the SQL go to the log sink, never into the Status.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

struct pg_conn;
struct pg_result;

namespace tallinn::store::postgres {

// Receives the details of a failure (the server's message, the SQL): for
// the operator's log, never for a client.
using LogSink = std::function<void(std::string_view detail)>;

// One bound parameter in libpq's text form, or SQL NULL.
class Param {
 public:
  Param(std::string_view text) : text_(std::string(text)) {}  // NOLINT: implicit by design
  Param(const std::string& text) : text_(text) {}             // NOLINT
  Param(const char* text) : text_(std::string(text)) {}       // NOLINT
  Param(int64_t number) : text_(std::to_string(number)) {}    // NOLINT
  Param(int number) : text_(std::to_string(number)) {}        // NOLINT
  Param(bool flag) : text_(flag ? "true" : "false") {}        // NOLINT
  // A text[] array, e.g. for unnest($1::text[]).
  Param(const std::vector<std::string>& values);  // NOLINT
  template <typename T>
  Param(const std::optional<T>& value) {  // NOLINT: NULL when absent
    if (value) text_ = Param(*value).text_;
  }

  const std::optional<std::string>& text() const { return text_; }

 private:
  std::optional<std::string> text_;
};

// A statement's SQL built up with its parameters: bind() appends a value
// and returns its placeholder ("$3") for the SQL text.
struct Query {
  std::string sql;
  std::vector<Param> params;

  std::string bind(Param value);
};

class Rows;

// One row of a result; valid while its Rows lives.
class Row {
 public:
  Row(const Rows& rows, int row) : rows_(rows), row_(row) {}
  bool is_null(int column) const;
  std::string text(int column) const;
  int64_t int64(int column) const;
  bool boolean(int column) const;
  std::optional<int64_t> optional_int64(int column) const;
  std::optional<std::string> optional_text(int column) const;

 private:
  const Rows& rows_;
  int row_;
};

// The result of a statement that succeeded.
class Rows {
 public:
  explicit Rows(pg_result* result);
  int size() const;
  Row operator[](int row) const { return Row(*this, row); }
  // Rows changed by an INSERT, UPDATE or DELETE.
  int64_t affected() const;

 private:
  friend class Row;
  std::shared_ptr<pg_result> result_;
};

class Connection {
 public:
  // Connects to `url`, handed to libpq as it is ("postgresql://..." or a
  // conninfo string), and sets the session's lock timeout, which bounds how
  // long a write transaction waits for the one before it. `log` must
  // outlive the connection. kUnavailable when the server cannot be reached.
  static Result<std::unique_ptr<Connection>> open(const std::string& url, int lock_timeout_ms,
                                                  const LogSink* log);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one statement with `params` bound to $1, $2, ...
  Result<Rows> exec(std::string_view sql, const std::vector<Param>& params = {});
  Result<Rows> exec(const Query& query) { return exec(query.sql, query.params); }
  // Runs one or more statements without parameters (migrations, BEGIN).
  Status exec_script(std::string_view sql);

  // True once the connection to the server is lost; it cannot be used again.
  bool broken() const;
  // True between BEGIN and COMMIT/ROLLBACK, also in a failed transaction.
  bool in_transaction() const;
  // True when a statement failed in the open transaction, which then
  // refuses every statement but ROLLBACK (or ROLLBACK TO SAVEPOINT).
  bool in_failed_transaction() const;

 private:
  Connection(pg_conn* conn, const LogSink* log);
  // The Status of a failed statement: kConflict for integrity violations,
  // serialization failures and deadlocks, kUnavailable for a lost
  // connection, a server shutting down or a lock wait that timed out,
  // kInternal otherwise. Logs the details with `sql`.
  Status failure(const pg_result* result, std::string_view sql) const;

  pg_conn* conn_;
  const LogSink* log_;
};

}  // namespace tallinn::store::postgres
