// open_store(): the one place that maps a database URL to a backend. A
// PostgreSQL backend adds its scheme to kBackends.
#include <array>
#include <string_view>

#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace tallinn::store {
namespace {

using Opener = Result<std::unique_ptr<Store>> (*)(const std::string& location);

struct Backend {
  std::string_view scheme;  // with its "://"
  Opener open;
};

Result<std::unique_ptr<Store>> open_sqlite(const std::string& path) {
  return sqlite::open_sqlite_store(path);
}

constexpr std::array<Backend, 1> kBackends = {{
    {"sqlite://", open_sqlite},
}};

}  // namespace

Result<std::unique_ptr<Store>> open_store(const std::string& url) {
  for (const Backend& backend : kBackends) {
    if (url.starts_with(backend.scheme) && url.size() > backend.scheme.size()) {
      return backend.open(url.substr(backend.scheme.size()));
    }
  }
  return invalid("db", "unsupported database URL; expected sqlite://PATH");
}

}  // namespace tallinn::store
