#include "match/solve.h"

#include <gtest/gtest.h>

#include "match/test_instances.h"

namespace tallinn::match {
namespace {

using testing::make_need;
using testing::make_offer;

TEST(Solve, ExplainsEveryUncoveredNeed) {
  Instance instance;
  instance.needs = {make_need("covered", 100, 5, 0), make_need("outbid", 100, 1, 0),
                    make_need("orphan", 100, 5, 7), make_need("lump", 100, 1, 0, false)};
  instance.offers = {make_offer("O1", 150, 0b1), make_offer("EMPTY", 0, 0b1)};
  SolveOptions options;
  options.explain = true;
  Result<Solution> solution = solve(instance, options);
  ASSERT_TRUE(solution.is_ok());
  ASSERT_TRUE(solution->has_explanation);
  const Explanation& explanation = solution->explanation;
  ASSERT_EQ(explanation.offers.size(), 2u);
  // The next euro of either would cover "outbid" (priority 1, one euro).
  EXPECT_DOUBLE_EQ(explanation.offers[0].shadow_price, 1.0);
  EXPECT_DOUBLE_EQ(explanation.offers[1].shadow_price, 1.0);
  ASSERT_EQ(explanation.needs.size(), 3u);
  EXPECT_EQ(explanation.needs[0].need, 1u);
  EXPECT_EQ(explanation.needs[0].reason, UncoveredReason::kOutbid);
  EXPECT_EQ(explanation.needs[0].binding_offers, (std::vector<uint32_t>{0, 1}));
  EXPECT_EQ(explanation.needs[1].reason, UncoveredReason::kNoEligibleOffer);
  EXPECT_EQ(explanation.needs[2].reason, UncoveredReason::kIndivisibleNoRoom);
}

TEST(Solve, ZeroTimeLimitStillReturnsAFeasibleAnswerAndHonestBound) {
  Instance instance;
  instance.needs = {make_need("a", 60, 1, 0, false), make_need("b", 60, 1, 0, false)};
  instance.offers = {make_offer("O1", 100, 0b1)};
  SolveOptions options;
  options.time_limit_seconds = 0;
  Result<Solution> solution = solve(instance, options);
  ASSERT_TRUE(solution.is_ok());
  EXPECT_EQ(solution->status, SolveStatus::kFeasible);
  EXPECT_DOUBLE_EQ(solution->objective, 1.0);
  EXPECT_GE(solution->bound, 5.0 / 3.0);
  options.time_limit_seconds = 1;
  solution = solve(instance, options);
  EXPECT_EQ(solution->status, SolveStatus::kOptimal);
  EXPECT_EQ(solution->bound, 1.0);
}

TEST(Solve, EmptyInstanceIsOptimalAtZero) {
  Result<Solution> solution = solve(Instance{}, SolveOptions{});
  ASSERT_TRUE(solution.is_ok());
  EXPECT_EQ(solution->status, SolveStatus::kOptimal);
  EXPECT_EQ(solution->objective, 0.0);
  EXPECT_TRUE(solution->allocations.empty());
}

}  // namespace
}  // namespace tallinn::match
