// The SQLite writer: a second write transaction waits for the first, then
// gives up (the PostgreSQL lock timeout: postgres/postgres_test.cpp).
#include <thread>

#include "store/sqlite/store_test_support.h"

namespace tallinn::store::sqlite::testing {
namespace {

using WriterTest = SqliteStoreTest;

TEST_F(WriterTest, SecondWriterWaitsThenGivesUp) {
  SqliteOptions options = logging_options();
  options.pool.writer_wait_ms = 50;
  std::unique_ptr<Store> store = reopen(options);
  auto first = store->begin(TransactionMode::kWrite);
  ASSERT_OK(first.status());
  auto second = store->begin(TransactionMode::kWrite);
  ASSERT_FALSE(second.is_ok());
  EXPECT_EQ(second.status().code(), ErrorCode::kUnavailable);
  // The first may end on another thread; the writer is then free again.
  std::thread([tx = std::move(first).value()]() mutable { tx.reset(); }).join();
  ASSERT_OK(store->begin(TransactionMode::kWrite).status());
}

}  // namespace
}  // namespace tallinn::store::sqlite::testing
