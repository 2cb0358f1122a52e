#include "store/sqlite/sqlite_store.h"

#include "core/random.h"
#include "store/sqlite/failed_attempt_repository.h"
#include "store/sqlite/migrator.h"
#include "store/sqlite/sqlite_transaction.h"

namespace tallinn::store::sqlite {
namespace {

constexpr char kPing[] = "SELECT 1";

class SqliteStore final : public Store {
 public:
  SqliteStore(const std::string& path, SqliteOptions options)
      : options_(std::move(options)), pool_(path, options_.pool, &options_.hooks) {}

  Status open() { return pool_.open(); }

  Result<std::unique_ptr<Transaction>> begin(TransactionMode mode) override {
    return SqliteTransaction::begin(pool_, mode);
  }

  Status migrate() override {
    return on_writer([](Connection& writer) {
      return apply_migrations(writer, migrations(), SystemClock().now_ms());
    });
  }

  StoreStats stats() const override {
    return stats_of(pool_.counters(), static_cast<int64_t>(pool_.idle_connections()));
  }

  Status ping() override {
    return on_reader([](Connection& reader) { return reader.exec(kPing); });
  }

  Status record_failed_attempt(const std::string& key, int64_t at_ms,
                               int64_t expires_at_ms) override {
    return on_writer([&](Connection& writer) {
      return failed_attempts::record(writer, key, at_ms, expires_at_ms);
    });
  }

  Result<std::vector<int64_t>> failed_attempts(const std::string& key, int64_t after_ms,
                                               int limit) override {
    return on_reader(
        [&](Connection& reader) { return failed_attempts::newest(reader, key, after_ms, limit); });
  }

  Result<int64_t> forget_failed_attempts(int64_t now_ms) override {
    return on_writer([&](Connection& writer) { return failed_attempts::forget(writer, now_ms); });
  }

 private:
  // Runs `work` (statements in autocommit) on a reader or on the writer,
  // which waits for the write transaction that has it.
  template <typename Work>
  auto on_connection(TransactionMode mode, Work work)
      -> decltype(work(std::declval<Connection&>())) {
    bool writes = mode == TransactionMode::kWrite;
    TALLINN_ASSIGN_OR_RETURN(std::unique_ptr<Connection> connection,
                             writes ? pool_.take_writer() : pool_.take_reader());
    auto result = work(*connection);
    if (writes) {
      pool_.return_writer(std::move(connection));
    } else {
      pool_.return_reader(std::move(connection));
    }
    return result;
  }
  template <typename Work>
  auto on_reader(Work work) -> decltype(work(std::declval<Connection&>())) {
    return on_connection(TransactionMode::kRead, work);
  }
  template <typename Work>
  auto on_writer(Work work) -> decltype(work(std::declval<Connection&>())) {
    return on_connection(TransactionMode::kWrite, work);
  }

  const SqliteOptions options_;  // before pool_, which points into it
  ConnectionPool pool_;
};

}  // namespace

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path, SqliteOptions options) {
  auto store = std::make_unique<SqliteStore>(path, std::move(options));
  TALLINN_RETURN_IF_ERROR(store->open());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace tallinn::store::sqlite
