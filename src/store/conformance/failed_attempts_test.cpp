// Failed sign-in attempts (migration 0005) on every backend: what the
// shared rate limits of service/rate_limiter.h read and write. Two Stores on
// one database stand for two nodes.
#include <thread>
#include <vector>

#include "store/conformance/store_test_support.h"

namespace tallinn::store::testing {
namespace {

using FailedAttemptsTest = StoreTest;
using Times = std::vector<int64_t>;

Times failures_of(Store& store, const std::string& key, int64_t after_ms, int limit) {
  Result<Times> times = store.failed_attempts(key, after_ms, limit);
  EXPECT_TRUE(times.is_ok()) << times.status().to_string();
  return times.is_ok() ? *times : Times{};
}

TEST_P(FailedAttemptsTest, NewestFirstInsideTheWindowUpToTheLimit) {
  for (int64_t at : {100, 300, 200}) ASSERT_OK(store_->record_failed_attempt("key-a", at, 10'000));
  ASSERT_OK(store_->record_failed_attempt("key-b", 250, 10'000));

  EXPECT_EQ(failures_of(*store_, "key-a", 0, 10), (Times{300, 200, 100}));
  EXPECT_EQ(failures_of(*store_, "key-a", 100, 10), (Times{300, 200}));  // after, not at
  EXPECT_EQ(failures_of(*store_, "key-a", 0, 2), (Times{300, 200}));
  EXPECT_EQ(failures_of(*store_, "key-a", 300, 10), Times{});
  EXPECT_EQ(failures_of(*store_, "key-b", 0, 10), Times{250});
  EXPECT_EQ(failures_of(*store_, "key-c", 0, 10), Times{});
}

TEST_P(FailedAttemptsTest, ForgettingDeletesOnlyExpiredFailuresOfEveryKey) {
  ASSERT_OK(store_->record_failed_attempt("key-a", 100, 1'000));
  ASSERT_OK(store_->record_failed_attempt("key-b", 150, 1'000));
  ASSERT_OK(store_->record_failed_attempt("key-a", 200, 2'000));

  Result<int64_t> none = store_->forget_failed_attempts(999);
  ASSERT_OK(none.status());
  EXPECT_EQ(*none, 0);
  Result<int64_t> two = store_->forget_failed_attempts(1'000);
  ASSERT_OK(two.status());
  EXPECT_EQ(*two, 2);
  EXPECT_EQ(failures_of(*store_, "key-a", 0, 10), Times{200});
  EXPECT_EQ(failures_of(*store_, "key-b", 0, 10), Times{});
}

// What one node records, the other reads.
TEST_P(FailedAttemptsTest, AnotherNodeSeesTheFailures) {
  std::unique_ptr<Store> other = reopen();
  ASSERT_OK(store_->record_failed_attempt("key-a", 100, 10'000));
  ASSERT_OK(other->record_failed_attempt("key-a", 200, 10'000));
  EXPECT_EQ(failures_of(*other, "key-a", 0, 10), (Times{200, 100}));
  EXPECT_EQ(failures_of(*store_, "key-a", 0, 10), (Times{200, 100}));
}

// Threads on two Stores (two nodes) count failures of one key at once, at
// the same instants: every one of them is kept.
TEST_P(FailedAttemptsTest, FailuresCountedAtOnceOnTwoNodesAreNoneLost) {
  constexpr int kThreads = 4;
  constexpr int kFailuresEach = 25;
  std::unique_ptr<Store> other = reopen();
  std::vector<std::thread> threads;
  std::vector<Status> results(kThreads * kFailuresEach);
  for (int t = 0; t < kThreads; ++t) {
    Store& store = t % 2 == 0 ? *store_ : *other;
    threads.emplace_back([&store, &results, t] {
      for (int n = 0; n < kFailuresEach; ++n) {
        results[t * kFailuresEach + n] = store.record_failed_attempt("shared", 1'000 + n, 10'000);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const Status& result : results) EXPECT_TRUE(result.is_ok()) << result.to_string();
  Times all = failures_of(*store_, "shared", 0, 1'000);
  EXPECT_EQ(all.size(), static_cast<size_t>(kThreads * kFailuresEach));
}

INSTANTIATE_TEST_SUITE_P(Backends, FailedAttemptsTest, kAllBackends, backend_name);

}  // namespace
}  // namespace tallinn::store::testing
