// Query helpers shared by the PostgreSQL repositories: conditions with bound
// values, single-record lookups, versioned updates and keyset paging.
#pragma once

#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/status.h"
#include "store/paging.h"
#include "store/postgres/connection.h"
#include "store/store.h"

namespace tallinn::store::postgres {

// One condition of a WHERE clause on the record `r` and the one value it
// compares with; "{value}" in `sql` stands for the value's placeholder.
struct Condition {
  std::string sql;
  Param value;
};

// The condition r.<column> = <value>.
Condition column_equals(std::string_view column, Param value);

// " AND <condition>" for each of `conditions`, their values bound in `query`.
std::string and_conditions(Query& query, const std::vector<Condition>& conditions);

template <typename T>
using RowReader = std::function<Result<T>(const Row&)>;

// Every row of `rows` read by `read`.
template <typename T>
Result<std::vector<T>> read_all(const Rows& rows, const RowReader<T>& read) {
  std::vector<T> items;
  items.reserve(static_cast<size_t>(rows.size()));
  for (int index = 0; index < rows.size(); ++index) {
    TALLINN_ASSIGN_OR_RETURN(T item, read(rows[index]));
    items.push_back(std::move(item));
  }
  return items;
}

// A page of at most `limit` items from a list query's rows.
template <typename T>
Result<Page<T>> read_page(const Rows& rows, int limit, const RowReader<T>& read) {
  TALLINN_ASSIGN_OR_RETURN(std::vector<T> items, read_all(rows, read));
  return time_page(std::move(items), limit);
}

// The one row of `rows` read by `read`, or kNotFound when there is none.
template <typename T>
Result<T> read_one(const Rows& rows, const RowReader<T>& read) {
  if (rows.size() == 0) return not_found();
  return read(rows[0]);
}

// Calls add(row, record) for each row of `rows`, whose first column is the
// id of one of `records`: how a page of records gets the rows of another
// table that belong to them from one query.
template <typename Record>
Status attach_rows(const Rows& rows, std::vector<Record>& records,
                   const std::function<Status(const Row&, Record&)>& add) {
  std::unordered_map<std::string, Record*> by_id;
  for (Record& record : records) by_id.emplace(record.id, &record);
  for (int index = 0; index < rows.size(); ++index) {
    auto found = by_id.find(rows[index].text(0));
    if (found == by_id.end()) return internal_error();
    TALLINN_RETURN_IF_ERROR(add(rows[index], *found->second));
  }
  return Status::ok();
}

// The ids of `records`, as one text[] parameter.
template <typename Record>
Param ids_of(const std::vector<Record>& records) {
  std::vector<std::string> ids;
  ids.reserve(records.size());
  for (const Record& record : records) ids.push_back(record.id);
  return ids;
}

// Runs "SELECT <columns> FROM <table> r WHERE <conditions> ORDER BY
// r.created_at DESC, r.id DESC" from the page's cursor on, at most
// page.limit + 1 rows. For tables with an index ending in (created_at, id)
// per condition.
Result<Rows> select_by_time(Connection& connection, std::string_view columns,
                            std::string_view table, const std::vector<Condition>& conditions,
                            const PageRequest& page);

// Ends a versioned UPDATE of `table` ... WHERE id = $id AND version =
// $expected that changed `changed` rows: OK when it changed the row, else
// kConflict when the record exists (the version was stale) or kNotFound.
Status finish_versioned_update(Connection& connection, std::string_view table, const Id& id,
                               const Rows& changed);

// OK when `changed` changed a row, else kNotFound.
Status changed_one(const Rows& changed);

// The single integer that `sql` selects.
Result<int64_t> select_count(Connection& connection, const Query& query);

}  // namespace tallinn::store::postgres
