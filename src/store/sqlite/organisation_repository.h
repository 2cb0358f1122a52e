// Organisations in SQLite. Functions run inside the caller's transaction.
#pragma once

#include "core/domain.h"
#include "store/sqlite/connection.h"
#include "store/store.h"

namespace tallinn::store::sqlite::organisations {

// kConflict when the id exists.
Status insert(Connection& connection, const Organisation& organisation);
Result<Organisation> find(Connection& connection, const Id& id);
// Newest first.
Result<Page<Organisation>> list(Connection& connection, const PageRequest& page);
// Stores every field but id and created_at; version becomes
// expected_version + 1.
Status update(Connection& connection, const Organisation& organisation, int64_t expected_version);
Result<int64_t> count(Connection& connection);

}  // namespace tallinn::store::sqlite::organisations
