#include "store/backup.h"

#include <string_view>

#include "store/sqlite/backup.h"

namespace tallinn::store {
namespace {

constexpr std::string_view kSqliteScheme = "sqlite://";

Result<std::string> sqlite_path(const std::string& url) {
  if (url.starts_with(kSqliteScheme) && url.size() > kSqliteScheme.size()) {
    return url.substr(kSqliteScheme.size());
  }
  if (url.starts_with("postgres")) {
    return invalid("db",
                   "backup and restore copy SQLite files; back up PostgreSQL with pg_dump and "
                   "restore it with pg_restore (docs/operations.md)");
  }
  return invalid("db", "unsupported database URL; expected sqlite://PATH");
}

}  // namespace

Result<int64_t> backup(const std::string& url, const std::string& file, bool overwrite) {
  TALLINN_ASSIGN_OR_RETURN(std::string path, sqlite_path(url));
  TALLINN_ASSIGN_OR_RETURN(sqlite::CopyReport report,
                           sqlite::backup_database(path, file, overwrite));
  return report.pages;
}

Result<int64_t> restore(const std::string& file, const std::string& url, bool force) {
  TALLINN_ASSIGN_OR_RETURN(std::string path, sqlite_path(url));
  TALLINN_ASSIGN_OR_RETURN(sqlite::CopyReport report, sqlite::restore_database(file, path, force));
  return report.pages;
}

}  // namespace tallinn::store
