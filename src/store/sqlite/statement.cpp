#include "store/sqlite/statement.h"

#include <sqlite3.h>

#include "store/sqlite/connection.h"

namespace tallinn::store::sqlite {

Statement::Statement(Connection* connection, sqlite3_stmt* stmt, std::string sql)
    : connection_(connection), stmt_(stmt), sql_(std::move(sql)) {}

Statement::Statement(Statement&& other) noexcept
    : connection_(other.connection_),
      stmt_(other.stmt_),
      sql_(std::move(other.sql_)),
      bind_status_(std::move(other.bind_status_)) {
  other.stmt_ = nullptr;
}

Statement::~Statement() {
  if (stmt_ == nullptr) return;
  connection_->report(sqlite3_stmt_status(stmt_, SQLITE_STMTSTATUS_VM_STEP, 1), sql_);
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  connection_->recycle(std::move(sql_), stmt_);
}

void Statement::check_bind(int rc) {
  if (rc != SQLITE_OK && bind_status_.is_ok()) bind_status_ = connection_->error(rc, sql_);
}

int Statement::parameter_index(std::string_view name) {
  int index = sqlite3_bind_parameter_index(stmt_, std::string(name).c_str());
  if (index == 0 && bind_status_.is_ok()) {
    bind_status_ =
        connection_->error(SQLITE_RANGE, "no parameter " + std::string(name) + " in " + sql_);
  }
  return index;
}

bool Statement::has_parameter(std::string_view name) const {
  return sqlite3_bind_parameter_index(stmt_, std::string(name).c_str()) != 0;
}

Statement& Statement::bind(int index, int64_t value) {
  check_bind(sqlite3_bind_int64(stmt_, index, value));
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  check_bind(
      sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
  return *this;
}

Statement& Statement::bind_null(int index) {
  check_bind(sqlite3_bind_null(stmt_, index));
  return *this;
}

Statement& Statement::bind(std::string_view name, int64_t value) {
  return bind(parameter_index(name), value);
}

Statement& Statement::bind(std::string_view name, std::string_view value) {
  return bind(parameter_index(name), value);
}

Statement& Statement::bind_optional(std::string_view name, const std::optional<int64_t>& value) {
  int index = parameter_index(name);
  return value ? bind(index, *value) : bind_null(index);
}

Statement& Statement::bind_optional(std::string_view name,
                                    const std::optional<std::string>& value) {
  int index = parameter_index(name);
  return value ? bind(index, std::string_view(*value)) : bind_null(index);
}

Result<bool> Statement::step() {
  if (!bind_status_.is_ok()) return bind_status_;
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return connection_->error(rc, sql_);
}

Status Statement::run() {
  while (true) {
    TALLINN_ASSIGN_OR_RETURN(bool row, step());
    if (!row) break;
  }
  sqlite3_reset(stmt_);
  return Status::ok();
}

void Statement::reset() { sqlite3_reset(stmt_); }

bool Statement::column_is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

int64_t Statement::column_int64(int column) const { return sqlite3_column_int64(stmt_, column); }

double Statement::column_double(int column) const { return sqlite3_column_double(stmt_, column); }

std::string Statement::column_text(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::optional<int64_t> Statement::column_optional_int64(int column) const {
  if (column_is_null(column)) return std::nullopt;
  return column_int64(column);
}

std::optional<std::string> Statement::column_optional_text(int column) const {
  if (column_is_null(column)) return std::nullopt;
  return column_text(column);
}

}  // namespace tallinn::store::sqlite
