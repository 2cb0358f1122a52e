// Notifications in SQLite, and the user look-ups that address them.
// Functions run inside the caller's transaction.
#pragma once

#include "store/sqlite/connection.h"
#include "store/store.h"

namespace tallinn::store::sqlite::notifications {

Result<std::vector<Id>> active_users(Connection& connection, const std::optional<Id>& org,
                                     const std::optional<Role>& role);
Status insert(Connection& connection, const Notification& notification);
Result<Notification> find(Connection& connection, const Id& id);
Result<Page<Notification>> list(Connection& connection, const Id& user, const PageRequest& page);
Status mark_read(Connection& connection, const Id& id, int64_t read_at);

}  // namespace tallinn::store::sqlite::notifications
