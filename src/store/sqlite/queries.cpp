#include "store/sqlite/queries.h"

namespace tallinn::store::sqlite {

Status visit_rows(Statement& query, const RowVisitor& visit) {
  while (true) {
    TALLINN_ASSIGN_OR_RETURN(bool row, query.step());
    if (!row) return Status::ok();
    TALLINN_RETURN_IF_ERROR(visit(query));
  }
}

Condition column_equals(std::string_view column, std::string value) {
  std::string name(column);
  return {"r." + name + " = :" + name, ":" + name, std::move(value)};
}

Status finish_versioned_update(Connection& connection, std::string_view table, const Id& id) {
  if (connection.changes() > 0) return Status::ok();
  TALLINN_ASSIGN_OR_RETURN(
      Statement exists,
      connection.prepare("SELECT 1 FROM " + std::string(table) + " WHERE id = :id"));
  TALLINN_ASSIGN_OR_RETURN(bool row, exists.bind(":id", id).step());
  if (!row) return not_found();
  return conflict("the record was changed by someone else");
}

Status visit_by_time(Connection& connection, std::string_view columns, std::string_view table,
                     const std::vector<Condition>& conditions, const PageRequest& page,
                     const RowVisitor& visit) {
  std::optional<TimeKey> after;
  if (!page.cursor.empty()) {
    TALLINN_ASSIGN_OR_RETURN(after, decode_time_cursor(page.cursor));
  }
  std::string sql = "SELECT " + std::string(columns) + " FROM " + std::string(table) + " r WHERE 1";
  for (const Condition& condition : conditions) sql += " AND " + condition.sql;
  if (after) sql += " AND (r.created_at, r.id) < (:after_created, :after_id)";
  sql += " ORDER BY r.created_at DESC, r.id DESC LIMIT :limit";
  TALLINN_ASSIGN_OR_RETURN(Statement query, connection.prepare(sql));
  for (const Condition& condition : conditions) query.bind(condition.param, condition.value);
  if (after) query.bind(":after_created", after->created_at).bind(":after_id", after->id);
  query.bind(":limit", int64_t{page.limit} + 1);
  return visit_rows(query, visit);
}

}  // namespace tallinn::store::sqlite
