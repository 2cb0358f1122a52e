// Transactions on every backend: serialised writers lose no update and keep
// one audit chain, readers run beside a writer on their snapshot, rollback on
// destruction, misuse is kInternal.
#include <thread>

#include "store/conformance/store_test_support.h"

namespace tallinn::store::testing {
namespace {

class TransactionTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto tx = write();
    ASSERT_OK(tx->insert_organisation(org_));
    ASSERT_OK(tx->insert_user(user_, "h"));
    ASSERT_OK(tx->insert_need(need_));
    ASSERT_OK(tx->commit());
  }

  Organisation org_ = make_organisation(1);
  User user_ = make_user(1, org_.id);
  Need need_ = make_need(1, org_.id, user_.id);
};

// Read-modify-write of one need from threads on two Stores (as two processes
// would): every increment lands, and no writer ever sees a stale version.
TEST_P(TransactionTest, ConcurrentWritersLoseNoUpdate) {
  constexpr int kThreads = 4;
  constexpr int kIncrements = 25;
  std::unique_ptr<Store> other = reopen();
  std::vector<std::thread> threads;
  std::atomic<int> failures = 0;
  for (int t = 0; t < kThreads; ++t) {
    Store& store = t % 2 == 0 ? *store_ : *other;
    threads.emplace_back([&store, &failures, id = need_.id] {
      for (int i = 0; i < kIncrements; ++i) {
        auto tx = store.begin(TransactionMode::kWrite);
        if (!tx.is_ok()) {
          ++failures;
          continue;
        }
        Result<Need> need = (*tx)->need(id);
        if (!need.is_ok()) {
          ++failures;
          continue;
        }
        Need changed = *need;
        changed.amount += 1;
        if (!(*tx)->update_need(changed, need->version).is_ok() || !(*tx)->commit().is_ok()) {
          ++failures;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  auto tx = read();
  Result<Need> need = tx->need(need_.id);
  ASSERT_OK(need.status());
  EXPECT_EQ(need->amount, need_.amount + kThreads * kIncrements);
  EXPECT_EQ(need->version, need_.version + kThreads * kIncrements);
}

// Appends from threads on two Stores, each after reading the last entry in
// the same write transaction: the trail stays one chain without gaps.
TEST_P(TransactionTest, AuditAppendsFromTwoNodesNeverFork) {
  constexpr int kThreads = 6;
  constexpr int kAppends = 15;
  std::unique_ptr<Store> other = reopen();
  auto append_next = [](Store& store) -> Status {
    TALLINN_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, store.begin(TransactionMode::kWrite));
    TALLINN_ASSIGN_OR_RETURN(std::optional<AuditEntry> last, tx->last_audit_entry());
    AuditEntry entry = make_audit_entry(last ? last->sequence + 1 : 1);
    entry.previous_hash = last ? last->hash : std::string(64, '0');
    entry.hash = test_id(static_cast<int>(entry.sequence)) + test_id(0);
    TALLINN_RETURN_IF_ERROR(tx->append_audit(entry));
    return tx->commit();
  };
  std::vector<std::thread> threads;
  std::atomic<int> failures = 0;
  for (int t = 0; t < kThreads; ++t) {
    Store& store = t % 2 == 0 ? *store_ : *other;
    threads.emplace_back([&] {
      for (int i = 0; i < kAppends; ++i) {
        if (!append_next(store).is_ok()) ++failures;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  int64_t expected = 1;
  std::string previous(64, '0');
  ASSERT_OK(read()->scan_audit([&](const AuditEntry& entry) {
    EXPECT_EQ(entry.sequence, expected++);
    EXPECT_EQ(entry.previous_hash, previous);
    previous = entry.hash;
    return Status::ok();
  }));
  EXPECT_EQ(expected, kThreads * kAppends + 1);
}

TEST_P(TransactionTest, StaleVersionFromAnotherTransactionIsAConflict) {
  auto reader = read();
  Need seen = *reader->need(need_.id);
  reader.reset();
  {
    auto tx = write();
    Need changed = seen;
    changed.title = "First writer";
    ASSERT_OK(tx->update_need(changed, seen.version));
    ASSERT_OK(tx->commit());
  }
  auto tx = write();
  Need late = seen;
  late.title = "Second writer";
  EXPECT_EQ(tx->update_need(late, seen.version).code(), ErrorCode::kConflict);
  EXPECT_EQ(tx->need(need_.id)->title, "First writer");
}

TEST_P(TransactionTest, DestroyedWithoutCommitRollsBack) {
  {
    auto tx = write();
    ASSERT_OK(tx->insert_need(make_need(2, org_.id, user_.id)));
    Need changed = need_;
    changed.amount = 1;
    ASSERT_OK(tx->update_need(changed, need_.version));
  }
  auto tx = read();
  EXPECT_EQ(tx->need(make_need(2, "", "").id).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(fields(*tx->need(need_.id)), fields(need_));
}

TEST_P(TransactionTest, ReadersSeeTheirSnapshotWhileAWriterWrites) {
  auto writer = write();
  ASSERT_OK(writer->insert_need(make_need(2, org_.id, user_.id)));
  auto before = read();
  EXPECT_EQ(before->need(make_need(2, "", "").id).status().code(), ErrorCode::kNotFound);
  ASSERT_OK(writer->commit());
  EXPECT_EQ(before->need(make_need(2, "", "").id).status().code(), ErrorCode::kNotFound);
  auto after = read();
  ASSERT_OK(after->need(make_need(2, "", "").id).status());
}

TEST_P(TransactionTest, MisuseIsInternal) {
  auto reader = read();
  EXPECT_EQ(reader->insert_need(make_need(2, org_.id, user_.id)).code(), ErrorCode::kInternal);
  EXPECT_EQ(reader->append_audit(make_audit_entry(1)).code(), ErrorCode::kInternal);
  ASSERT_OK(reader->commit());
  EXPECT_EQ(reader->need(need_.id).status().code(), ErrorCode::kInternal);
  EXPECT_EQ(reader->commit().code(), ErrorCode::kInternal);
  auto writer = write();
  ASSERT_OK(writer->commit());
  EXPECT_EQ(writer->insert_need(make_need(2, org_.id, user_.id)).code(), ErrorCode::kInternal);
  ASSERT_OK(write()->commit());  // the writer was given back at commit
}

INSTANTIATE_TEST_SUITE_P(Backends, TransactionTest, kAllBackends, backend_name);

}  // namespace
}  // namespace tallinn::store::testing
