// The SQLite Store: one database file in WAL mode, a pool of connections,
// the embedded migrations. See store/store.h for the contract.
#pragma once

#include <memory>
#include <string>

#include "store/sqlite/connection.h"
#include "store/sqlite/connection_pool.h"
#include "store/store.h"

namespace tallinn::store::sqlite {

struct SqliteOptions {
  PoolOptions pool;
  // Failure details go to hooks.log (nowhere when empty); hooks.observe sees
  // the work of every statement.
  ConnectionHooks hooks;
};

// Opens (creating if needed) the database file at `path`; does not migrate.
// kUnavailable when the file cannot be opened. The Store must outlive every
// Transaction it begins.
Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path,
                                                 SqliteOptions options = {});

}  // namespace tallinn::store::sqlite
