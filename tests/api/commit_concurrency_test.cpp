// Point 5 of the coordination workflow: 50 donors' clicks at once against
// one offer's budget, through real HTTP. The store's write transaction
// serialises the commitments, so exactly the ones that fit succeed and the
// committed sum never exceeds the budget.
#include <gtest/gtest.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "api/test_platform.h"
#include "core/coordination.h"
#include "core/id.h"

namespace tallinn::testing {
namespace {

constexpr int kAllocations = 50;
constexpr Cents kAllocationCents = 100'000;  // 1000 EUR each
constexpr int kFitting = 20;                 // the budget holds exactly 20

class CommitConcurrency : public ::testing::Test {
 protected:
  // Writes the approved allocations straight into the store: the test is
  // about the commitment, not the steps before it.
  void SetUp() override {
    auto transaction = platform_.context().store.begin(store::TransactionMode::kWrite);
    ASSERT_TRUE(transaction.is_ok());
    store::Transaction& write = **transaction;
    const int64_t now = 1'790'000'000'000;
    Offer offer;
    offer.id = new_id(platform_.context().random);
    offer.org = platform_.org("donor");
    offer.title = "One budget";
    offer.budget = kFitting * kAllocationCents;
    offer.creator = platform_.user("donor");
    offer.created_at = offer.updated_at = now;
    ASSERT_TRUE(write.insert_offer(offer).is_ok());
    offer_ = offer.id;
    MatchingRun run;
    run.id = new_id(platform_.context().random);
    run.creator = platform_.user("back_office");
    run.engine_version = "test";
    run.status = "optimal";
    run.input_json = run.result_json = "{}";
    run.created_at = now;
    ASSERT_TRUE(write.insert_matching_run(run).is_ok());
    Proposal proposal{new_id(platform_.context().random), run.id, run.creator, now};
    ASSERT_TRUE(write.insert_proposal(proposal).is_ok());
    for (int index = 0; index < kAllocations; ++index) {
      Need need;
      need.id = new_id(platform_.context().random);
      need.org = platform_.org("beneficiary");
      need.title = "Need " + std::to_string(index);
      need.amount = kAllocationCents;
      need.status = NeedStatus::kMatched;
      need.creator = platform_.user("beneficiary");
      need.created_at = need.updated_at = now + index;
      ASSERT_TRUE(write.insert_need(need).is_ok());
      Allocation allocation;
      allocation.id = new_id(platform_.context().random);
      allocation.proposal = proposal.id;
      allocation.run = run.id;
      allocation.need = need.id;
      allocation.offer = offer.id;
      allocation.need_org = need.org;
      allocation.offer_org = offer.org;
      allocation.amount = allocation.offer_amount = kAllocationCents;
      allocation.status = AllocationStatus::kApproved;
      allocation.creator = run.creator;
      allocation.created_at = allocation.updated_at = now + index;
      ASSERT_TRUE(write.insert_allocation(allocation).is_ok());
      allocations_.push_back(allocation.id);
    }
    ASSERT_TRUE(write.commit().is_ok());
  }

  TestPlatform platform_;
  Id offer_;
  std::vector<Id> allocations_;
};

TEST_F(CommitConcurrency, ExactlyTheCommitmentsThatFitSucceed) {
  std::atomic<int> committed{0};
  std::atomic<int> refused{0};
  std::atomic<int> other{0};
  std::vector<std::thread> clients;
  for (const Id& allocation : allocations_) {
    clients.emplace_back([&, allocation] {
      HttpResult result =
          platform_.call("donor", "POST", "/api/v1/allocations/" + allocation + "/commit", {},
                         {{"Idempotency-Key", "commit-" + allocation}});
      if (result.status == 200) {
        ++committed;
      } else if (result.status == 409) {
        ++refused;
      } else {
        ++other;
      }
    });
  }
  for (std::thread& client : clients) client.join();
  EXPECT_EQ(committed.load(), kFitting);
  EXPECT_EQ(refused.load(), kAllocations - kFitting);
  EXPECT_EQ(other.load(), 0);

  HttpResult ledger = platform_.call("donor", "GET", "/api/v1/offers/" + offer_ + "/ledger");
  ASSERT_EQ(ledger.status, 200) << ledger.body;
  nlohmann::json body = nlohmann::json::parse(ledger.body);
  EXPECT_DOUBLE_EQ(body.at("committed").get<double>(), kFitting * kAllocationCents / 100.0);
  EXPECT_DOUBLE_EQ(body.at("remaining").get<double>(), 0.0);

  // A retry of every request applies nothing more.
  int still_committed = 0;
  for (const Id& allocation : allocations_) {
    HttpResult result =
        platform_.call("donor", "POST", "/api/v1/allocations/" + allocation + "/commit", {},
                       {{"Idempotency-Key", "commit-" + allocation}});
    if (result.status == 200) ++still_committed;
  }
  EXPECT_EQ(still_committed, kFitting);
}

}  // namespace
}  // namespace tallinn::testing
