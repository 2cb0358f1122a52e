// Query helpers shared by the repositories: single-record lookups, versioned
// updates and keyset paging. Lists fetch one row more than the page holds;
// that extra row is how a page knows it is not the last.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/cursor.h"
#include "store/paging.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/statement.h"
#include "store/store.h"

namespace tallinn::store::sqlite {

// One condition of a WHERE clause with the single text parameter it uses,
// e.g. {"r.status = :status", ":status", "published"}.
struct Condition {
  std::string sql;
  std::string param;
  std::string value;
};

// The condition r.<column> = :<column>.
Condition column_equals(std::string_view column, std::string value);

// Called once per row of a list query.
using RowVisitor = std::function<Status(const Statement& row)>;

// Runs "SELECT <columns> FROM <table> r WHERE <conditions> ORDER BY
// r.created_at DESC, r.id DESC" from the page's cursor on, visiting at most page.limit + 1
// rows. For tables with an index ending in (created_at, id) per condition.
Status visit_by_time(Connection& connection, std::string_view columns, std::string_view table,
                     const std::vector<Condition>& conditions, const PageRequest& page,
                     const RowVisitor& visit);

// Collects the rows that `run` visits into a page of at most `limit` items
// read by `read`; the cursor names the last item kept when more followed.
template <typename T>
Result<Page<T>> collect_page(int limit, const std::function<Status(const RowVisitor&)>& run,
                             const std::function<Result<T>(const Statement&)>& read) {
  std::vector<T> items;
  Status status = run([&](const Statement& row) -> Status {
    Result<T> item = read(row);
    if (!item.is_ok()) return item.status();
    items.push_back(std::move(item).value());
    return Status::ok();
  });
  if (!status.is_ok()) return status;
  return time_page(std::move(items), limit);
}

// The one row of `query` read by `read`, or kNotFound when there is none.
template <typename T>
Result<T> read_one(Statement& query, const std::function<Result<T>(const Statement&)>& read) {
  TALLINN_ASSIGN_OR_RETURN(bool row, query.step());
  if (!row) return not_found();
  return read(query);
}

// Ends a versioned UPDATE of `table` ... WHERE id = :id AND version =
// :expected_version that has just run: OK when it changed the row, else
// kConflict when the record exists (the version was stale) or kNotFound.
Status finish_versioned_update(Connection& connection, std::string_view table, const Id& id);

// Steps through every row of `query`, visiting each; stops at the first
// non-OK Status.
Status visit_rows(Statement& query, const RowVisitor& visit);

}  // namespace tallinn::store::sqlite
