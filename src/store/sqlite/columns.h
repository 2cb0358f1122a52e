// A SQLite statement's current row as store/record_rows.h reads records.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "store/record_rows.h"
#include "store/sqlite/statement.h"

namespace tallinn::store::sqlite {

class StatementRow {
 public:
  explicit StatementRow(const Statement& statement) : statement_(statement) {}
  std::string text(int column) const { return statement_.column_text(column); }
  int64_t int64(int column) const { return statement_.column_int64(column); }
  bool boolean(int column) const { return statement_.column_int64(column) != 0; }
  std::optional<int64_t> optional_int64(int column) const {
    return statement_.column_optional_int64(column);
  }
  std::optional<std::string> optional_text(int column) const {
    return statement_.column_optional_text(column);
  }

 private:
  const Statement& statement_;
};

}  // namespace tallinn::store::sqlite
