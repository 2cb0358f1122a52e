#include "store/sqlite/notification_repository.h"

#include "store/sqlite/columns.h"
#include "store/sqlite/queries.h"

namespace tallinn::store::sqlite::notifications {
namespace {

// Column order read by read_notification(), for the table as r.
constexpr std::string_view kColumns = rows::kNotificationColumns;
constexpr char kFromById[] = " FROM notifications r WHERE r.id = :id";
constexpr char kInsert[] =
    "INSERT INTO notifications (id, user_id, kind, record_type, record_id, created_at, read_at) "
    "VALUES (:id, :user_id, :kind, :record_type, :record_id, :created_at, NULL)";
constexpr char kMarkRead[] =
    "UPDATE notifications SET read_at = coalesce(read_at, :read_at) WHERE id = :id";
constexpr char kActiveUsers[] =
    "SELECT id FROM users WHERE disabled = 0 AND (:org IS NULL OR org = :org) "
    "AND (:role IS NULL OR role = :role) ORDER BY id";

Result<Notification> read_notification(const Statement& row) {
  return rows::notification(StatementRow(row));
}

}  // namespace

Result<std::vector<Id>> active_users(Connection& connection, const std::optional<Id>& org,
                                     const std::optional<Role>& role) {
  TALLINN_ASSIGN_OR_RETURN(Statement query, connection.prepare(kActiveUsers));
  std::optional<std::string> role_name;
  if (role) role_name = std::string(to_string(*role));
  query.bind_optional(":org", org).bind_optional(":role", role_name);
  std::vector<Id> users;
  TALLINN_RETURN_IF_ERROR(visit_rows(query, [&](const Statement& row) {
    users.push_back(row.column_text(0));
    return Status::ok();
  }));
  return users;
}

Status insert(Connection& connection, const Notification& notification) {
  TALLINN_ASSIGN_OR_RETURN(Statement statement, connection.prepare(kInsert));
  return statement.bind(":id", notification.id)
      .bind(":user_id", notification.user)
      .bind(":kind", notification.kind)
      .bind(":record_type", notification.record_type)
      .bind(":record_id", notification.record_id)
      .bind(":created_at", notification.created_at)
      .run();
}

Result<Notification> find(Connection& connection, const Id& id) {
  TALLINN_ASSIGN_OR_RETURN(Statement query,
                           connection.prepare("SELECT " + std::string(kColumns) + kFromById));
  query.bind(":id", id);
  return read_one<Notification>(query, read_notification);
}

Result<Page<Notification>> list(Connection& connection, const Id& user, const PageRequest& page) {
  std::vector<Condition> conditions = {{"r.user_id = :user_id", ":user_id", user}};
  return collect_page<Notification>(
      page.limit,
      [&](const RowVisitor& visit) {
        return visit_by_time(connection, kColumns, "notifications", conditions, page, visit);
      },
      read_notification);
}

Status mark_read(Connection& connection, const Id& id, int64_t read_at) {
  TALLINN_ASSIGN_OR_RETURN(Statement statement, connection.prepare(kMarkRead));
  TALLINN_RETURN_IF_ERROR(statement.bind(":id", id).bind(":read_at", read_at).run());
  if (connection.changes() == 0) return not_found();
  return Status::ok();
}

}  // namespace tallinn::store::sqlite::notifications
