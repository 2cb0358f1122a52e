#include "match/value_density.h"

#include <gtest/gtest.h>

#include "match/test_instances.h"

namespace tallinn::match {
namespace {

using testing::make_need;

TEST(Density, ComparesExactlyAcrossPriorities) {
  // 10 / 100000 == 1 / 10000: weights collide across priorities.
  EXPECT_EQ(Density::of(make_need("a", 100000, 2, 0)), Density::of(make_need("b", 10000, 1, 0)));
  EXPECT_GT(Density::of(make_need("a", 99999, 2, 0)), Density::of(make_need("b", 10000, 1, 0)));
  EXPECT_GT(Density::infinity(), Density::of(make_need("a", 1, 5, 0)));
  EXPECT_LT(Density::zero(), Density::of(make_need("a", kMaxCents, 1, 0)));
}

TEST(Density, DistinguishesDensitiesThatRoundToOneDouble) {
  // 1/(10^12 - 1) and 1/10^12 differ by one part in 10^12 only.
  const Density near = Density::of(make_need("a", kMaxCents - 1, 1, 0));
  const Density far = Density::of(make_need("b", kMaxCents, 1, 0));
  EXPECT_GT(near, far);
}

TEST(OrderByValueDensity, HighestFirstTiesByIndex) {
  Instance instance;
  instance.needs = {make_need("low", 1000, 1, 0), make_need("tie1", 100, 2, 0),
                    make_need("top", 100, 5, 0), make_need("tie2", 100, 2, 0)};
  EXPECT_EQ(order_by_value_density(instance), (std::vector<uint32_t>{2, 1, 3, 0}));
}

}  // namespace
}  // namespace tallinn::match
