// Duplicate detection in SQLite: candidates by SQL under the reader's
// ReadScope, text similarity from the FTS5 index needs_fts (the share of
// the subject's words each candidate contains), and the candidates kept at
// submission. Functions run inside the caller's
// transaction.
#pragma once

#include "core/read_scope.h"
#include "store/sqlite/connection.h"
#include "store/store.h"

namespace tallinn::store::sqlite::duplicates {

Result<std::vector<TextMatch>> candidates(Connection& connection, const ReadScope& scope,
                                          const Need& subject, int limit);
Status replace(Connection& connection, const Id& need, const std::vector<DuplicateMatch>& matches);
Result<std::vector<DuplicateMatch>> of(Connection& connection, const Id& need);

}  // namespace tallinn::store::sqlite::duplicates
