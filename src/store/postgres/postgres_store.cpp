#include "store/postgres/postgres_store.h"

#include "core/random.h"
#include "store/postgres/migrator.h"
#include "store/postgres/repositories.h"
#include "store/postgres/transaction.h"

namespace tallinn::store::postgres {
namespace {

constexpr char kPing[] = "SELECT 1";

class PostgresStore final : public Store {
 public:
  PostgresStore(const std::string& url, PostgresOptions options)
      : options_(std::move(options)), pool_(url, options_.pool, &options_.log) {}

  // Connects once, so that an unreachable server is reported at once.
  Status open() {
    return on_connection([](Connection& connection) { return connection.exec(kPing).status(); });
  }

  Result<std::unique_ptr<Transaction>> begin(TransactionMode mode) override {
    return PgTransaction::begin(pool_, mode);
  }

  Status migrate() override {
    return on_connection([](Connection& connection) {
      return apply_migrations(connection, migrations(), SystemClock().now_ms());
    });
  }

  Status ping() override { return open(); }

  StoreStats stats() const override {
    return stats_of(pool_.counters(), static_cast<int64_t>(pool_.idle_connections()));
  }

  // Each one statement in autocommit, without the writers' lock: an INSERT
  // per failure needs no serialising to be counted.
  Status record_failed_attempt(const std::string& key, int64_t at_ms,
                               int64_t expires_at_ms) override {
    return on_connection([&](Connection& connection) {
      return failed_attempts::record(connection, key, at_ms, expires_at_ms);
    });
  }

  Result<std::vector<int64_t>> failed_attempts(const std::string& key, int64_t after_ms,
                                               int limit) override {
    return on_connection([&](Connection& connection) {
      return failed_attempts::newest(connection, key, after_ms, limit);
    });
  }

  Result<int64_t> forget_failed_attempts(int64_t now_ms) override {
    return on_connection(
        [&](Connection& connection) { return failed_attempts::forget(connection, now_ms); });
  }

 private:
  // Runs `work` on a pooled connection; when it fails because an idle
  // connection had lost its server, runs it again on the next one.
  template <typename Work>
  auto on_connection(Work work) -> decltype(work(std::declval<Connection&>())) {
    while (true) {
      TALLINN_ASSIGN_OR_RETURN(Lease lease, pool_.take());
      auto result = work(*lease.connection);
      bool stale = !result.is_ok() && lease.reused && lease.connection->broken();
      pool_.give_back(std::move(lease.connection));
      if (!stale) return result;
    }
  }

  const PostgresOptions options_;  // before pool_, which points into it
  ConnectionPool pool_;
};

}  // namespace

Result<std::unique_ptr<Store>> open_postgres_store(const std::string& url,
                                                   PostgresOptions options) {
  auto store = std::make_unique<PostgresStore>(url, std::move(options));
  TALLINN_RETURN_IF_ERROR(store->open());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace tallinn::store::postgres
