// Writers on two Stores of one database (two processes or nodes), several
// threads each, doing read-modify-write: no update is lost and the audit
// chain does not fork.
#include <thread>

#include "store/conformance/backend_fixture.h"

namespace tallinn::store::testing {
namespace {

constexpr int kThreadsPerNode = 3;
constexpr int kIncrementsPerThread = 15;

// One unit of work as the service does it: read the need and the last audit
// entry, write the need back with its version, and append the next entry.
Status increment(Store& store, const Id& need_id) {
  TALLINN_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, store.begin(TransactionMode::kWrite));
  TALLINN_ASSIGN_OR_RETURN(Need need, tx->need(need_id));
  TALLINN_ASSIGN_OR_RETURN(std::optional<AuditEntry> last, tx->last_audit_entry());
  need.amount += 1;
  TALLINN_RETURN_IF_ERROR(tx->update_need(need, need.version));
  AuditEntry entry =
      make_audit_entry(last ? last->sequence + 1 : 1, last ? last->hash : std::string(64, '0'));
  TALLINN_RETURN_IF_ERROR(tx->append_audit(entry));
  return tx->commit();
}

using ConcurrencyTest = BackendTest;

TEST_P(ConcurrencyTest, TwoNodesLoseNoUpdateAndKeepOneChain) {
  Organisation organisation = make_organisation(1);
  Need need = make_need(1, organisation.id, test_id(2'000'001));
  {
    auto tx = write();
    ASSERT_OK(tx->insert_organisation(organisation));
    ASSERT_OK(tx->insert_need(need));
    ASSERT_OK(tx->commit());
  }
  std::unique_ptr<Store> second_node = open_another();
  ASSERT_NE(second_node, nullptr);
  std::vector<Store*> nodes = {store_.get(), second_node.get()};
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (Store* node : nodes) {
    for (int t = 0; t < kThreadsPerNode; ++t) {
      threads.emplace_back([&, node] {
        for (int i = 0; i < kIncrementsPerThread; ++i) {
          Status status = increment(*node, need.id);
          if (!status.is_ok()) {
            ADD_FAILURE() << status.to_string();
            ++failures;
          }
        }
      });
    }
  }
  for (std::thread& thread : threads) thread.join();
  ASSERT_EQ(failures, 0);

  constexpr int kTotal = 2 * kThreadsPerNode * kIncrementsPerThread;
  auto tx = read();
  Result<Need> stored = tx->need(need.id);
  ASSERT_TRUE(stored.is_ok());
  EXPECT_EQ(stored->amount, need.amount + kTotal);
  EXPECT_EQ(stored->version, need.version + kTotal);
  int64_t expected_sequence = 1;
  std::string previous(64, '0');
  ASSERT_OK(tx->scan_audit([&](const AuditEntry& entry) {
    EXPECT_EQ(entry.sequence, expected_sequence++);
    EXPECT_EQ(entry.previous_hash, previous);
    previous = entry.hash;
    return Status::ok();
  }));
  EXPECT_EQ(expected_sequence, kTotal + 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, ConcurrencyTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tallinn::store::testing
