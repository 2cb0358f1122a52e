#include "store/postgres/postgres_store.h"

#include "core/random.h"
#include "store/postgres/migrator.h"
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

 private:
  // Runs `work` on a pooled connection; when it fails because an idle
  // connection had lost its server, runs it again on the next one.
  template <typename Work>
  Status on_connection(Work work) {
    while (true) {
      TALLINN_ASSIGN_OR_RETURN(Lease lease, pool_.take());
      Status status = work(*lease.connection);
      bool stale = !status.is_ok() && lease.reused && lease.connection->broken();
      pool_.give_back(std::move(lease.connection));
      if (!stale) return status;
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
