// Assessments in SQLite: the assessments table, one row per measure, and
// their grants. Functions run inside the caller's transaction.
#pragma once

#include "core/assessment.h"
#include "core/read_scope.h"
#include "store/sqlite/connection.h"
#include "store/store.h"

namespace tallinn::store::sqlite::assessments {

// kConflict when the id exists, or when org names no organisation.
Status insert(Connection& connection, const Assessment& assessment);
Result<Assessment> find(Connection& connection, const Id& id);
Result<Page<Assessment>> list(Connection& connection, const ReadScope& scope,
                              const AssessmentFilter& filter, const PageRequest& page);

}  // namespace tallinn::store::sqlite::assessments
