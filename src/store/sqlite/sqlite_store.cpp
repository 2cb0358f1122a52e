#include "store/sqlite/sqlite_store.h"

#include "core/random.h"
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
    TALLINN_ASSIGN_OR_RETURN(std::unique_ptr<Connection> writer, pool_.take_writer());
    Status status = apply_migrations(*writer, migrations(), SystemClock().now_ms());
    pool_.return_writer(std::move(writer));
    return status;
  }

  StoreStats stats() const override {
    const PoolCounters& counters = pool_.counters();
    return {
        .read_transactions = counters.read_transactions,
        .write_transactions = counters.write_transactions,
        .commits = counters.commits,
        .rollbacks = counters.rollbacks,
        .begin_failures = counters.begin_failures,
        .connections_open = counters.connections_open,
        .connections_idle = static_cast<int64_t>(pool_.idle_connections()),
        .write_wait_seconds = static_cast<double>(counters.write_wait_micros) / 1e6,
    };
  }

  Status ping() override {
    TALLINN_ASSIGN_OR_RETURN(std::unique_ptr<Connection> reader, pool_.take_reader());
    Status status = reader->exec(kPing);
    pool_.return_reader(std::move(reader));
    return status;
  }

 private:
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
