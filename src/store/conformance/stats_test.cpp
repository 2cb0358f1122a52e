// Store::stats() on every backend: what /metrics reports about the
// database (transactions begun, commits, rollbacks, failed begins, waits
// for the write lock, connections). Counters are compared before and after,
// since opening and migrating the store counts too.
#include <chrono>
#include <thread>

#include "store/conformance/store_test_support.h"
#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"

namespace tallinn::store::testing {
namespace {

using StatsTest = StoreTest;

TEST_P(StatsTest, CountsTransactionsCommitsAndRollbacks) {
  StoreStats before = store_->stats();
  { ASSERT_OK(read()->commit()); }
  {
    auto tx = write();
    ASSERT_OK(tx->insert_organisation(make_organisation(1)));
    ASSERT_OK(tx->commit());
  }
  {
    auto tx = write();
    ASSERT_OK(tx->insert_organisation(make_organisation(2)));
  }                      // dropped: rolled back
  { auto tx = read(); }  // a read that ends without commit is a rollback too
  StoreStats after = store_->stats();
  EXPECT_EQ(after.read_transactions - before.read_transactions, 2);
  EXPECT_EQ(after.write_transactions - before.write_transactions, 2);
  EXPECT_EQ(after.commits - before.commits, 2);
  EXPECT_EQ(after.rollbacks - before.rollbacks, 2);
  EXPECT_EQ(after.begin_failures, before.begin_failures);
  // Every connection is back in the pool and kept for reuse.
  EXPECT_GE(after.connections_open, 1);
  EXPECT_GE(after.connections_idle, 1);
  EXPECT_LE(after.connections_idle, after.connections_open);
}

TEST_P(StatsTest, CountsTheWaitForTheWriteLock) {
  constexpr auto kHeld = std::chrono::milliseconds(200);
  StoreStats before = store_->stats();
  auto holder = write();
  std::thread waiter([&] {
    auto tx = store_->begin(TransactionMode::kWrite);
    EXPECT_TRUE(tx.is_ok());
  });
  std::this_thread::sleep_for(kHeld);
  ASSERT_OK(holder->commit());
  waiter.join();
  StoreStats after = store_->stats();
  EXPECT_EQ(after.write_transactions - before.write_transactions, 2);
  // The waiter waited about kHeld; allow for when its thread started.
  EXPECT_GE(after.write_wait_seconds - before.write_wait_seconds, 0.1);
  EXPECT_LT(after.write_wait_seconds - before.write_wait_seconds, 10.0);
}

// A node whose writer gives up waiting for another node's write counts a
// failed begin.
TEST_P(StatsTest, CountsABeginThatGaveUp) {
  std::unique_ptr<Store> impatient;
  if (is_postgres()) {
    postgres::PostgresOptions options;
    options.pool.lock_timeout_ms = 100;
    auto opened = postgres::open_postgres_store(url(), options);
    ASSERT_OK(opened.status());
    impatient = std::move(opened).value();
  } else {
    sqlite::SqliteOptions options;
    options.pool.busy_timeout_ms = 100;
    auto opened = sqlite::open_sqlite_store(url().substr(std::string("sqlite://").size()), options);
    ASSERT_OK(opened.status());
    impatient = std::move(opened).value();
  }
  StoreStats before = impatient->stats();
  auto holder = write();
  auto refused = impatient->begin(TransactionMode::kWrite);
  EXPECT_EQ(refused.status().code(), ErrorCode::kUnavailable);
  StoreStats after = impatient->stats();
  EXPECT_EQ(after.begin_failures - before.begin_failures, 1);
  EXPECT_EQ(after.write_transactions, before.write_transactions);
}

INSTANTIATE_TEST_SUITE_P(Backends, StatsTest, kAllBackends, backend_name);

}  // namespace
}  // namespace tallinn::store::testing
