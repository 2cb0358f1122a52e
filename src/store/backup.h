// `tallinn backup` and `tallinn restore` by database URL. SQLite files are
// copied with SQLite's online backup API (sqlite/backup.h). A PostgreSQL
// database is backed up with pg_dump and restored with pg_restore, as
// docs/operations.md shows; these functions refuse its URL naming "db".
#pragma once

#include <cstdint>
#include <string>

#include "core/status.h"

namespace tallinn::store {

// Returns the number of database pages copied. See sqlite::backup_database.
Result<int64_t> backup(const std::string& url, const std::string& file, bool overwrite);
// See sqlite::restore_database; the caller verifies the audit trail after.
Result<int64_t> restore(const std::string& file, const std::string& url, bool force);

}  // namespace tallinn::store
