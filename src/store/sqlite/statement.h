// A prepared SQLite statement: bind parameters (by 1-based index or by
// ":name"), step through rows, read columns.
//
// Binding failures are remembered and returned by the next step()/run(), so
// calls chain: stmt.bind(":id", id).bind(":version", v); then step(). Column
// getters read the current row and are valid only after step() returned true.
// A Statement belongs to the Connection that prepared it and must not outlive
// it; on destruction it is reset and returned to the connection's cache.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

struct sqlite3_stmt;

namespace tallinn::store::sqlite {

class Connection;

class Statement {
 public:
  Statement(Connection* connection, sqlite3_stmt* stmt, std::string sql);
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;

  Statement& bind(int index, int64_t value);
  Statement& bind(int index, std::string_view value);
  Statement& bind_null(int index);
  Statement& bind(std::string_view name, int64_t value);
  Statement& bind(std::string_view name, std::string_view value);
  // NULL when the value is absent.
  Statement& bind_optional(std::string_view name, const std::optional<int64_t>& value);
  Statement& bind_optional(std::string_view name, const std::optional<std::string>& value);

  // True when the SQL uses the parameter `name` (":name").
  bool has_parameter(std::string_view name) const;

  // True when a row is ready, false when the statement is done.
  Result<bool> step();
  // Steps to the end, ignoring rows: for INSERT, UPDATE, DELETE. Then
  // resets, keeping the bindings, so the statement can run again.
  Status run();
  // Makes the statement ready to step again from its first row, keeping the
  // bindings: for a query run once per key.
  void reset();

  bool column_is_null(int column) const;
  int64_t column_int64(int column) const;
  double column_double(int column) const;
  std::string column_text(int column) const;
  std::optional<int64_t> column_optional_int64(int column) const;
  std::optional<std::string> column_optional_text(int column) const;

 private:
  int parameter_index(std::string_view name);
  void check_bind(int rc);

  Connection* connection_;
  sqlite3_stmt* stmt_;
  std::string sql_;
  Status bind_status_;
};

}  // namespace tallinn::store::sqlite
