#include "store/sqlite/backup.h"

#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <thread>

namespace tallinn::store::sqlite {
namespace {

namespace fs = std::filesystem;

constexpr char kIntegrityCheck[] = "PRAGMA integrity_check";
// Every write is audited and every organisation is created by one, so a
// database without either holds nothing worth keeping.
constexpr char kHasTables[] =
    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
    "('organisations', 'audit')";
constexpr char kHoldsData[] =
    "SELECT EXISTS (SELECT 1 FROM organisations) OR EXISTS (SELECT 1 FROM audit)";
constexpr char kIsTallinn[] =
    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
    "('schema_migrations', 'audit', 'organisations', 'needs')";
// Pages copied per step; between steps the source is unlocked, so a copy
// of a large database lets the server write meanwhile.
constexpr int kPagesPerStep = 1024;

// One sqlite3 handle, closed on every path.
class Handle {
 public:
  ~Handle() { sqlite3_close_v2(db_); }
  sqlite3* get() const { return db_; }

  Status open(const std::string& path, int flags, std::string_view field) {
    int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
      return Status(ErrorCode::kUnavailable,
                    std::string(field) + ": cannot open " + path + ": " + sqlite3_errstr(rc));
    }
    sqlite3_busy_timeout(db_, 5000);
    return Status::ok();
  }

  // The first column of the first row of `sql`, as text ("" when none).
  Result<std::string> text(const char* sql) const {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr);
    std::string value;
    if (rc == SQLITE_OK) {
      rc = sqlite3_step(stmt);
      if (rc == SQLITE_ROW) {
        const unsigned char* column = sqlite3_column_text(stmt, 0);
        if (column != nullptr) value = reinterpret_cast<const char*>(column);
        rc = SQLITE_OK;
      } else if (rc == SQLITE_DONE) {
        rc = SQLITE_OK;
      }
    }
    sqlite3_finalize(stmt);
    if (rc != SQLITE_OK) {
      return Status(ErrorCode::kUnavailable, std::string("sqlite: ") + sqlite3_errmsg(db_));
    }
    return value;
  }

 private:
  sqlite3* db_ = nullptr;
};

Result<CopyReport> copy(const Handle& from, const Handle& to) {
  sqlite3_backup* backup = sqlite3_backup_init(to.get(), "main", from.get(), "main");
  if (backup == nullptr) {
    return Status(ErrorCode::kUnavailable,
                  std::string("cannot start the copy: ") + sqlite3_errmsg(to.get()));
  }
  int rc = SQLITE_OK;
  do {
    rc = sqlite3_backup_step(backup, kPagesPerStep);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  CopyReport report{.pages = sqlite3_backup_pagecount(backup)};
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) {
    return Status(ErrorCode::kUnavailable, std::string("copy failed: ") + sqlite3_errstr(rc));
  }
  return report;
}

Status check_integrity(const Handle& db, std::string_view field, const std::string& path) {
  TALLINN_ASSIGN_OR_RETURN(std::string verdict, db.text(kIntegrityCheck));
  if (verdict != "ok") {
    return invalid(std::string(field), path + " fails SQLite's integrity check: " + verdict);
  }
  return Status::ok();
}

}  // namespace

Result<CopyReport> backup_database(const std::string& database_path, const std::string& backup_path,
                                   bool overwrite) {
  std::error_code ec;
  if (!fs::is_regular_file(database_path, ec)) {
    return invalid("db", "no database file at " + database_path);
  }
  if (fs::exists(backup_path, ec) && !overwrite) {
    return Status(ErrorCode::kConflict,
                  backup_path + " exists; choose another name or pass --force", "to");
  }
  Handle source;
  TALLINN_RETURN_IF_ERROR(source.open(database_path, SQLITE_OPEN_READONLY, "db"));
  const std::string partial = backup_path + ".partial";
  fs::remove(partial, ec);
  Result<CopyReport> report = [&]() -> Result<CopyReport> {
    Handle target;
    TALLINN_RETURN_IF_ERROR(target.open(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, "to"));
    TALLINN_ASSIGN_OR_RETURN(CopyReport copied, copy(source, target));
    // One self-contained file: no -wal beside it to forget.
    TALLINN_RETURN_IF_ERROR(target.text("PRAGMA journal_mode = DELETE").status());
    TALLINN_RETURN_IF_ERROR(check_integrity(target, "to", backup_path));
    return copied;
  }();
  if (!report.is_ok()) {
    fs::remove(partial, ec);
    return report;
  }
  fs::rename(partial, backup_path, ec);
  if (ec) {
    return Status(ErrorCode::kUnavailable, "cannot move the copy to " + backup_path);
  }
  return report;
}

Result<CopyReport> restore_database(const std::string& backup_path,
                                    const std::string& database_path, bool force) {
  std::error_code ec;
  if (!fs::is_regular_file(backup_path, ec)) {
    return invalid("from", "no backup file at " + backup_path);
  }
  Handle source;
  TALLINN_RETURN_IF_ERROR(source.open(backup_path, SQLITE_OPEN_READONLY, "from"));
  Result<std::string> tables = source.text(kIsTallinn);
  if (!tables.is_ok() || *tables != "4") {
    return invalid("from", backup_path + " is not a tallinn database");
  }
  TALLINN_RETURN_IF_ERROR(check_integrity(source, "from", backup_path));

  Handle target;
  TALLINN_RETURN_IF_ERROR(
      target.open(database_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, "db"));
  TALLINN_ASSIGN_OR_RETURN(std::string target_tables, target.text(kHasTables));
  Result<std::string> holds_data = std::string("0");
  if (target_tables == "2") holds_data = target.text(kHoldsData);
  if (!holds_data.is_ok()) return holds_data.status();
  if (*holds_data == "1" && !force) {
    return Status(ErrorCode::kConflict,
                  database_path +
                      " already holds data; restore into an empty database or pass --force to "
                      "replace it",
                  "db");
  }
  // The server's files run in WAL mode; the copy keeps the target's mode.
  TALLINN_RETURN_IF_ERROR(target.text("PRAGMA journal_mode = WAL").status());
  TALLINN_ASSIGN_OR_RETURN(CopyReport copied, copy(source, target));
  TALLINN_RETURN_IF_ERROR(check_integrity(target, "db", database_path));
  return copied;
}

}  // namespace tallinn::store::sqlite
