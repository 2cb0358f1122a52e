// Point 5 of the coordination workflow: 50 donors' clicks at once against
// one offer's budget, through real HTTP. The store's write transaction
// serialises the commitments, so exactly the ones that fit succeed and the
// committed sum never exceeds the budget. On SQLite and on PostgreSQL.
#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "api/node_process.h"
#include "api/test_platform.h"
#include "core/coordination.h"
#include "core/id.h"

namespace tallinn::testing {
namespace {

constexpr int kAllocations = 50;
constexpr Cents kAllocationCents = 100'000;  // 1000 EUR each
constexpr int kFitting = 20;                 // the budget holds exactly 20

class CommitConcurrency : public ::testing::TestWithParam<std::string> {
 protected:
  // Writes the approved allocations straight into the store: the test is
  // about the commitment, not the steps before it.
  void SetUp() override {
    if (!TestPlatform::backend_available(GetParam())) GTEST_SKIP() << "no PostgreSQL test cluster";
    platform_ = std::make_unique<TestPlatform>(GetParam());
    auto transaction = platform().context().store.begin(store::TransactionMode::kWrite);
    ASSERT_TRUE(transaction.is_ok());
    store::Transaction& write = **transaction;
    const int64_t now = 1'790'000'000'000;
    Offer offer;
    offer.id = new_id(platform().context().random);
    offer.org = platform().org("donor");
    offer.title = "One budget";
    offer.budget = kFitting * kAllocationCents;
    offer.creator = platform().user("donor");
    offer.created_at = offer.updated_at = now;
    ASSERT_TRUE(write.insert_offer(offer).is_ok());
    offer_ = offer.id;
    MatchingRun run;
    run.id = new_id(platform().context().random);
    run.creator = platform().user("back_office");
    run.engine_version = "test";
    run.status = "optimal";
    run.input_json = run.result_json = "{}";
    run.created_at = now;
    ASSERT_TRUE(write.insert_matching_run(run).is_ok());
    Proposal proposal{new_id(platform().context().random), run.id, run.creator, now};
    ASSERT_TRUE(write.insert_proposal(proposal).is_ok());
    for (int index = 0; index < kAllocations; ++index) {
      Need need;
      need.id = new_id(platform().context().random);
      need.org = platform().org("beneficiary");
      need.title = "Need " + std::to_string(index);
      need.amount = kAllocationCents;
      need.status = NeedStatus::kMatched;
      need.creator = platform().user("beneficiary");
      need.created_at = need.updated_at = now + index;
      ASSERT_TRUE(write.insert_need(need).is_ok());
      Allocation allocation;
      allocation.id = new_id(platform().context().random);
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

  TestPlatform& platform() { return *platform_; }

  // One commitment request: allocation `index` with its own idempotency key.
  using Commit = std::function<HttpResult(size_t index)>;

  // Sends every commitment at once, one thread each: exactly the ones that
  // fit succeed, the rest are 409.
  void expect_only_the_fitting_succeed(const Commit& commit) {
    std::atomic<int> committed{0};
    std::atomic<int> refused{0};
    std::atomic<int> other{0};
    std::vector<std::thread> clients;
    for (size_t index = 0; index < allocations_.size(); ++index) {
      clients.emplace_back([&, index] {
        int status = commit(index).status;
        ++(status == 200 ? committed : status == 409 ? refused : other);
      });
    }
    for (std::thread& client : clients) client.join();
    EXPECT_EQ(committed.load(), kFitting);
    EXPECT_EQ(refused.load(), kAllocations - kFitting);
    EXPECT_EQ(other.load(), 0);
  }

  // The offer's ledger shows the whole budget committed, no more.
  void expect_budget_exactly_committed(const HttpResult& ledger) {
    ASSERT_EQ(ledger.status, 200) << ledger.body;
    nlohmann::json body = nlohmann::json::parse(ledger.body);
    EXPECT_DOUBLE_EQ(body.at("committed").get<double>(), kFitting * kAllocationCents / 100.0);
    EXPECT_DOUBLE_EQ(body.at("remaining").get<double>(), 0.0);
  }

  // A retry of every request, one after another, applies nothing more: the
  // committed ones answer 200 again, the others still fail.
  void expect_retries_apply_nothing(const Commit& commit) {
    int still_committed = 0;
    for (size_t index = 0; index < allocations_.size(); ++index) {
      if (commit(index).status == 200) ++still_committed;
    }
    EXPECT_EQ(still_committed, kFitting);
  }

  std::string commit_target(size_t index) const {
    return "/api/v1/allocations/" + allocations_[index] + "/commit";
  }
  std::string key(size_t index) const { return "commit-" + allocations_[index]; }

  std::unique_ptr<TestPlatform> platform_;
  Id offer_;
  std::vector<Id> allocations_;
};

TEST_P(CommitConcurrency, ExactlyTheCommitmentsThatFitSucceed) {
  Commit commit = [&](size_t index) {
    return platform().call("donor", "POST", commit_target(index), {},
                           {{"Idempotency-Key", key(index)}});
  };
  expect_only_the_fitting_succeed(commit);
  expect_budget_exactly_committed(
      platform().call("donor", "GET", "/api/v1/offers/" + offer_ + "/ledger"));
  expect_retries_apply_nothing(commit);
}

// Two `tallinn serve` processes on the database of the in-process server:
// the sessions it signed in work on both, commitments sent through both at
// once against one budget are serialised by the database (none overspends,
// none is lost), a retry through the other node applies nothing, a sign-out
// on one ends the session on the other, and the audit chain stays one.
TEST_P(CommitConcurrency, TwoNodesShareOneBudgetTheSessionsAndOneAuditChain) {
  std::vector<std::unique_ptr<ServeNode>> nodes;
  for (int index = 0; index < 2; ++index) {
    nodes.push_back(std::make_unique<ServeNode>(platform().database_url(), free_port()));
  }
  for (auto& node : nodes) ASSERT_TRUE(node->wait_until_healthy(60'000)) << node->port();
  HeaderList donor = {{"Authorization", "Bearer " + platform().token("donor")}};
  auto on_node = [&](size_t node) -> uint16_t { return nodes[node % nodes.size()]->port(); };

  auto commit_through = [&](size_t shift) -> Commit {
    return [&, shift](size_t index) {
      HeaderList headers = donor;
      headers.emplace_back("Idempotency-Key", key(index));
      return request(on_node(index + shift), "POST", commit_target(index), {}, headers);
    };
  };
  expect_only_the_fitting_succeed(commit_through(0));
  for (size_t node = 0; node < nodes.size(); ++node) {
    expect_budget_exactly_committed(
        request(on_node(node), "GET", "/api/v1/offers/" + offer_ + "/ledger", {}, donor));
  }
  expect_retries_apply_nothing(commit_through(1));

  HeaderList observer = {{"Authorization", "Bearer " + platform().token("observer")}};
  EXPECT_EQ(request(on_node(1), "GET", "/api/v1/needs", {}, observer).status, 200);
  EXPECT_EQ(request(on_node(0), "DELETE", "/api/v1/session", {}, observer).status / 100, 2);
  EXPECT_EQ(request(on_node(1), "GET", "/api/v1/needs", {}, observer).status, 401);

  for (auto& node : nodes) EXPECT_EQ(node->stop(), 0);
  EXPECT_EQ(run_tallinn({"audit", "verify", "--db", platform().database_url()}), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, CommitConcurrency, ::testing::Values("sqlite", "postgres"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

}  // namespace
}  // namespace tallinn::testing
