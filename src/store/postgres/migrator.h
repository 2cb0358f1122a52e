// Applies the embedded migrations (migrations.h) that a database lacks.
#pragma once

#include <vector>

#include "core/status.h"
#include "store/postgres/connection.h"
#include "store/postgres/migrations.h"

namespace tallinn::store::postgres {

// Applies each migration whose version is not yet in schema_migrations, in
// order, each in its own transaction together with its record and under the
// write lock (pg_advisory_xact_lock), so a failed migration leaves the
// schema as it was before it and two nodes migrating at once apply each
// migration once. Safe to run twice. `connection` must not be in a
// transaction.
Status apply_migrations(Connection& connection, const std::vector<Migration>& all, int64_t now_ms);

// The versions recorded in schema_migrations, ascending.
Result<std::vector<int>> applied_migrations(Connection& connection);

}  // namespace tallinn::store::postgres
