// Copies of a SQLite database made with SQLite's online backup API, which
// reads a consistent snapshot while the server keeps serving (WAL readers
// never block the writer, nor the writer them).
#pragma once

#include <cstdint>
#include <string>

#include "core/status.h"

namespace tallinn::store::sqlite {

struct CopyReport {
  int64_t pages = 0;  // database pages copied
};

// Writes a consistent copy of the database at `database_path` to
// `backup_path` (a single file in rollback-journal mode, checked with
// PRAGMA integrity_check). The copy is written beside the target and renamed
// into place only when complete, so a crash never leaves a half backup
// under the final name. An existing `backup_path` is kept unless
// `overwrite`: kConflict naming "to". kUnavailable when a file cannot be
// opened or written; kInvalid ("db") when the database file is missing.
Result<CopyReport> backup_database(const std::string& database_path, const std::string& backup_path,
                                   bool overwrite);

// Replaces the content of the database at `database_path` (created when
// missing) with the backup at `backup_path`, after checking that the backup
// is an intact tallinn database (kInvalid naming "from" otherwise). A target
// that holds data (organisations or audit entries) is refused with
// kConflict naming "db" unless `force`. Stop the server first: restoring
// under a running server replaces the pages it reads.
Result<CopyReport> restore_database(const std::string& backup_path,
                                    const std::string& database_path, bool force);

}  // namespace tallinn::store::sqlite
