#include "match/certificate.h"

#include <gtest/gtest.h>

#include "match/greedy.h"
#include "match/test_instances.h"
#include "match/value_density.h"

namespace tallinn::match {
namespace {

using testing::make_need;
using testing::make_offer;

Instance contested_instance() {
  Instance instance;
  instance.needs = {make_need("cheap", 100, 1, 0), make_need("dear", 100, 4, 1),
                    make_need("mid", 100, 2, 0)};
  instance.offers = {make_offer("BROAD", 150, 0b11), make_offer("NARROW", 50, 0b01)};
  return instance;
}

TEST(Certificate, ProvesTheGreedyOptimum) {
  const Instance instance = contested_instance();
  ClassNetwork network(instance);
  const auto cover =
      cover_greedily(instance, order_by_value_density(instance), {}, false, &network);
  const LpCertificate certificate = certify_lp_optimum(instance, network, cover.covered, {});
  EXPECT_TRUE(certificate.proven) << certificate.failure;
  // "mid" is full; BROAD's next euro would cover one euro of "cheap"
  // (priority 1, one euro in all): 1 per euro.
  EXPECT_DOUBLE_EQ(certificate.offer_prices[0].per_euro(), 1.0);
}

TEST(Certificate, RejectsAWorseOrder) {
  const Instance instance = contested_instance();
  ClassNetwork network(instance);
  const std::vector<uint32_t> worst_first = {0, 2, 1};
  const auto cover = cover_greedily(instance, worst_first, {}, false, &network);
  const LpCertificate certificate = certify_lp_optimum(instance, network, cover.covered, {});
  EXPECT_FALSE(certificate.proven);
  EXPECT_FALSE(certificate.failure.empty());
}

TEST(Certificate, RejectsAnInfeasibleCoverage) {
  const Instance instance = contested_instance();
  ClassNetwork network(instance);
  std::vector<int64_t> covered = {0, 100, 0};  // claims coverage the flow does not carry
  EXPECT_FALSE(certify_lp_optimum(instance, network, covered, {}).proven);
}

TEST(Certificate, HonoursFixings) {
  const Instance instance = contested_instance();
  ClassNetwork network(instance);
  std::vector<Fixing> fixings = {Fixing::kForced, Fixing::kFree, Fixing::kExcluded};
  const auto cover =
      cover_greedily(instance, order_by_value_density(instance), fixings, false, &network);
  ASSERT_TRUE(cover.forced_fit);
  EXPECT_EQ(cover.covered, (std::vector<int64_t>{100, 100, 0}));
  EXPECT_TRUE(certify_lp_optimum(instance, network, cover.covered, fixings).proven);
}

}  // namespace
}  // namespace tallinn::match
