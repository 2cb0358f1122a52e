#include "match/class_network.h"

#include <gtest/gtest.h>

#include "match/test_instances.h"

namespace tallinn::match {
namespace {

using testing::make_need;
using testing::make_offer;

// Sector 0 may use BROAD or NARROW; sector 1 only BROAD.
Instance two_sector_instance() {
  Instance instance;
  instance.needs = {make_need("s0", 100, 3, 0), make_need("s1", 100, 3, 1)};
  instance.offers = {make_offer("BROAD", 100, 0b11), make_offer("NARROW", 100, 0b01)};
  return instance;
}

TEST(ClassNetwork, ReroutesExistingFlowToMakeRoom) {
  const Instance instance = two_sector_instance();
  ClassNetwork network(instance);
  const int sector0 = network.class_of_need(0), sector1 = network.class_of_need(1);
  // Fill sector 0 entirely from BROAD by asking for all 200 cents.
  EXPECT_EQ(network.push(sector0, 200), 200);
  // Sector 1 can still get 0: every cent is in use.
  EXPECT_EQ(network.push(sector1, 50), 0);
  EXPECT_EQ(network.room_upper_bound(sector1), 0);
}

TEST(ClassNetwork, ReroutingFindsTheOnlyOfferOfAClass) {
  Instance instance = two_sector_instance();
  instance.offers[1].budget_cents = 100;
  ClassNetwork network(instance);
  const int sector0 = network.class_of_need(0), sector1 = network.class_of_need(1);
  // Sector 0 takes BROAD first only if NARROW is spent; force that order.
  EXPECT_EQ(network.push(sector0, 150), 150);
  EXPECT_EQ(network.push(sector1, 50), 50);
  EXPECT_EQ(network.flow(sector1, 0), 50);
  EXPECT_EQ(network.flow(sector0, 0) + network.flow(sector0, 1), 150);
  EXPECT_EQ(network.spare_budget(0) + network.spare_budget(1), 0);
}

TEST(ClassNetwork, RollbackRestoresEverything) {
  const Instance instance = two_sector_instance();
  ClassNetwork network(instance);
  const int sector0 = network.class_of_need(0);
  EXPECT_EQ(network.push(sector0, 30), 30);
  network.begin_tentative();
  EXPECT_EQ(network.push(sector0, 500), 170);
  network.rollback();
  EXPECT_EQ(network.spare_budget(0) + network.spare_budget(1), 170);
  EXPECT_EQ(network.flow(sector0, 0) + network.flow(sector0, 1), 30);
  EXPECT_GT(network.room_upper_bound(sector0), 0);
  network.cap_room(sector0, 170);
  EXPECT_EQ(network.room_upper_bound(sector0), 170);
  network.reset();
  EXPECT_EQ(network.spare_budget(0) + network.spare_budget(1), 200);
}

TEST(ClassNetwork, ClassWithoutOffersIsSaturatedFromTheStart) {
  Instance instance = two_sector_instance();
  instance.needs.push_back(make_need("s5", 10, 1, 5));
  ClassNetwork network(instance);
  EXPECT_EQ(network.room_upper_bound(network.class_of_need(2)), 0);
  EXPECT_TRUE(network.eligible_offers(network.class_of_need(2)).empty());
}

}  // namespace
}  // namespace tallinn::match
