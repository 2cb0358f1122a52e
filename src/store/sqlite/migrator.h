// Applies the embedded migrations (migrations.h) that a database lacks.
#pragma once

#include <vector>

#include "core/status.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/migrations.h"

namespace tallinn::store::sqlite {

// Applies each migration whose version is not yet in schema_migrations, in
// order, each in its own write transaction together with its record, so a
// failed migration leaves the schema as it was before it. Safe to run twice
// and from two processes at once. `connection` must not be in a transaction.
Status apply_migrations(Connection& connection, const std::vector<Migration>& all, int64_t now_ms);

// The versions recorded in schema_migrations, ascending.
Result<std::vector<int>> applied_migrations(Connection& connection);

}  // namespace tallinn::store::sqlite
