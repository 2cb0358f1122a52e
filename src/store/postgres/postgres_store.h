// The PostgreSQL Store: a bounded pool of libpq connections to one database
// and the embedded migrations. See store/store.h for the contract and
// transaction.h for how writers are serialised across processes.
#pragma once

#include <memory>
#include <string>

#include "store/postgres/connection.h"
#include "store/postgres/connection_pool.h"
#include "store/store.h"

namespace tallinn::store::postgres {

struct PostgresOptions {
  PoolOptions pool;
  // Failure details go here (nowhere when empty).
  LogSink log;
};

// Connects to the database at `url` ("postgresql://..." or "postgres://...",
// handed to libpq as it is); does not migrate. kUnavailable when the server
// cannot be reached. The Store must outlive every Transaction it begins.
Result<std::unique_ptr<Store>> open_postgres_store(const std::string& url,
                                                   PostgresOptions options = {});

}  // namespace tallinn::store::postgres
