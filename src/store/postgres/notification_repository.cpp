#include "store/postgres/queries.h"
#include "store/postgres/repositories.h"
#include "store/record_rows.h"

namespace tallinn::store::postgres::notifications {
namespace {

// Column order read by read_notification(), for the table as r.
constexpr std::string_view kColumns = rows::kNotificationColumns;
constexpr char kFromById[] = " FROM notifications r WHERE r.id = $1";
constexpr char kInsert[] =
    "INSERT INTO notifications (id, user_id, kind, record_type, record_id, created_at, read_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, NULL)";
constexpr char kMarkRead[] =
    "UPDATE notifications SET read_at = coalesce(read_at, $2) WHERE id = $1";
// The casts type the parameters that are compared with NULL only.
constexpr char kActiveUsers[] =
    "SELECT id FROM users WHERE NOT disabled AND ($1::text IS NULL OR org = $1) "
    "AND ($2::text IS NULL OR role = $2) ORDER BY id";

Result<Notification> read_notification(const Row& row) { return rows::notification(row); }

}  // namespace

Result<std::vector<Id>> active_users(Connection& connection, const std::optional<Id>& org,
                                     const std::optional<Role>& role) {
  std::optional<std::string> role_name;
  if (role) role_name = std::string(to_string(*role));
  TALLINN_ASSIGN_OR_RETURN(Rows rows, connection.exec(kActiveUsers, {org, role_name}));
  std::vector<Id> users;
  for (int index = 0; index < rows.size(); ++index) users.push_back(rows[index].text(0));
  return users;
}

Status insert(Connection& connection, const Notification& notification) {
  return connection
      .exec(kInsert, {notification.id, notification.user, notification.kind,
                      notification.record_type, notification.record_id, notification.created_at})
      .status();
}

Result<Notification> find(Connection& connection, const Id& id) {
  TALLINN_ASSIGN_OR_RETURN(Rows rows,
                           connection.exec("SELECT " + std::string(kColumns) + kFromById, {id}));
  return read_one<Notification>(rows, read_notification);
}

Result<Page<Notification>> list(Connection& connection, const Id& user, const PageRequest& page) {
  TALLINN_ASSIGN_OR_RETURN(Rows rows, select_by_time(connection, kColumns, "notifications",
                                                     {column_equals("user_id", user)}, page));
  return read_page<Notification>(rows, page.limit, read_notification);
}

Status mark_read(Connection& connection, const Id& id, int64_t read_at) {
  TALLINN_ASSIGN_OR_RETURN(Rows changed, connection.exec(kMarkRead, {id, read_at}));
  return changed_one(changed);
}

}  // namespace tallinn::store::postgres::notifications
