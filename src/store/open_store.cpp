// open_store(): the one place that maps a database URL to a backend.
#include <spdlog/spdlog.h>

#include <array>
#include <string_view>

#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace tallinn::store {
namespace {

// `url` is the whole URL; `location` what follows the scheme.
using Opener = Result<std::unique_ptr<Store>> (*)(const std::string& url,
                                                  const std::string& location);

struct Backend {
  std::string_view scheme;  // with its "://"
  Opener open;
};

// The details of a backend failure (the database's message, the SQL) go to
// the operator's log; the Status the caller gets says only what kind it was.
void log_failure(std::string_view detail) { spdlog::warn("store: {}", detail); }

Result<std::unique_ptr<Store>> open_sqlite(const std::string&, const std::string& path) {
  sqlite::SqliteOptions options;
  options.hooks.log = log_failure;
  return sqlite::open_sqlite_store(path, std::move(options));
}

// libpq reads the URL itself, both spellings of the scheme included.
Result<std::unique_ptr<Store>> open_postgres(const std::string& url, const std::string&) {
  postgres::PostgresOptions options;
  options.log = log_failure;
  return postgres::open_postgres_store(url, std::move(options));
}

constexpr std::array<Backend, 3> kBackends = {{
    {"sqlite://", open_sqlite},
    {"postgresql://", open_postgres},
    {"postgres://", open_postgres},
}};

}  // namespace

Result<std::unique_ptr<Store>> open_store(const std::string& url) {
  for (const Backend& backend : kBackends) {
    if (url.starts_with(backend.scheme) && url.size() > backend.scheme.size()) {
      return backend.open(url, url.substr(backend.scheme.size()));
    }
  }
  return invalid("db", "unsupported database URL; expected sqlite://PATH or postgresql://...");
}

std::string redacted_url(const std::string& url) {
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return url;
  size_t authority = scheme_end + 3;
  size_t at = url.find('@', authority);
  size_t path = url.find('/', authority);
  if (at == std::string::npos || (path != std::string::npos && path < at)) return url;
  size_t colon = url.find(':', authority);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

}  // namespace tallinn::store
