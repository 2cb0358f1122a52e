#include "store/postgres/queries.h"

#include "store/cursor.h"

namespace tallinn::store::postgres {
namespace {

constexpr char kExists[] = "SELECT 1 FROM {table} WHERE id = $1";
constexpr char kSelectByTime[] = "SELECT {columns} FROM {table} r WHERE true";
constexpr char kAfterKey[] = " AND (r.created_at, r.id) < ({created_at}, {id})";
constexpr char kNewestFirst[] = " ORDER BY r.created_at DESC, r.id DESC LIMIT {limit}";

}  // namespace

Condition column_equals(std::string_view column, Param value) {
  return {"r." + std::string(column) + " = {value}", std::move(value)};
}

std::string and_conditions(Query& query, const std::vector<Condition>& conditions) {
  std::string sql;
  for (const Condition& condition : conditions) {
    sql += " AND " + replace_all(condition.sql, "{value}", query.bind(condition.value));
  }
  return sql;
}

Result<Rows> select_by_time(Connection& connection, std::string_view columns,
                            std::string_view table, const std::vector<Condition>& conditions,
                            const PageRequest& page) {
  Query query;
  query.sql = replace_all(replace_all(kSelectByTime, "{columns}", columns), "{table}", table);
  query.sql += and_conditions(query, conditions);
  if (!page.cursor.empty()) {
    TALLINN_ASSIGN_OR_RETURN(TimeKey after, decode_time_cursor(page.cursor));
    std::string keyset = replace_all(kAfterKey, "{created_at}", query.bind(after.created_at));
    query.sql += replace_all(std::move(keyset), "{id}", query.bind(after.id));
  }
  query.sql += replace_all(kNewestFirst, "{limit}", query.bind(int64_t{page.limit} + 1));
  return connection.exec(query);
}

Status finish_versioned_update(Connection& connection, std::string_view table, const Id& id,
                               const Rows& changed) {
  if (changed.affected() > 0) return Status::ok();
  TALLINN_ASSIGN_OR_RETURN(Rows exists,
                           connection.exec(replace_all(kExists, "{table}", table), {id}));
  if (exists.size() == 0) return not_found();
  return conflict("the record was changed by someone else");
}

Status changed_one(const Rows& changed) {
  return changed.affected() > 0 ? Status::ok() : not_found();
}

Result<int64_t> select_count(Connection& connection, const Query& query) {
  TALLINN_ASSIGN_OR_RETURN(Rows rows, connection.exec(query));
  if (rows.size() != 1) return internal_error();
  return rows[0].int64(0);
}

}  // namespace tallinn::store::postgres
