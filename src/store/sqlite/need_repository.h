// Needs in SQLite: the needs table, their grants and their text index.
// Functions run inside the caller's transaction on `connection`.
#pragma once

#include "core/domain.h"
#include "core/read_scope.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/queries.h"
#include "store/store.h"

namespace tallinn::store::sqlite::needs {

// kConflict when the id exists, or when org names no organisation.
Status insert(Connection& connection, const Need& need);
Result<Need> find(Connection& connection, const Id& id);
// Stores every field but id and created_at; version becomes
// expected_version + 1.
Status update(Connection& connection, const Need& need, int64_t expected_version);
Result<Page<Need>> list(Connection& connection, const ReadScope& scope, const NeedFilter& filter,
                        const PageRequest& page);
// As list(), without reading the needs' grants
// (Transaction::list_needs_without_access).
Result<Page<Need>> list_without_access(Connection& connection, const ReadScope& scope,
                                       const NeedFilter& filter, const PageRequest& page);
// As list(), with conditions on the need as `r` instead of a filter.
Result<Page<Need>> list_where(Connection& connection, const ReadScope& scope,
                              const std::vector<Condition>& conditions, const PageRequest& page);
Result<int64_t> count(Connection& connection, const ReadScope& scope, const NeedFilter& filter);
// Transaction::coverage_groups and Transaction::needs_of_priority.
Result<std::vector<CoverageGroup>> coverage_groups(Connection& connection, const ReadScope& scope,
                                                   CoverageBy by);
Result<std::vector<NeedMoney>> of_priority(Connection& connection, const ReadScope& scope,
                                           int priority);

}  // namespace tallinn::store::sqlite::needs
