// The aggregates of coverage (coverage_groups, needs_of_priority) under
// every shape of ReadScope, against sums worked out in C++ over the records
// the test inserted: needs of every marking and status with random grants,
// and allocations of every status on some of them.
#include <map>
#include <tuple>

#include "core/coordination.h"
#include "store/conformance/store_test_support.h"

namespace tallinn::store::testing {
namespace {

constexpr int kOrgs = 4;
constexpr int kUsers = 5;
constexpr int kNeeds = 200;
constexpr int kAllocations = 150;

using GroupKey = std::pair<std::string, NeedStatus>;
using Sums = std::tuple<int64_t, Cents, Cents, Cents, Cents, Cents>;  // count, needed, ..., gap

std::string key_of(const Need& need, CoverageBy by) {
  switch (by) {
    case CoverageBy::kSector:
      return std::string(to_string(need.sector));
    case CoverageBy::kRegion:
      return std::string(region_code(need.region));
    case CoverageBy::kCategory:
      return std::string(to_string(need.category));
    case CoverageBy::kPriority:
      return std::to_string(need.priority);
  }
  return {};
}

class CoverageTest : public StoreTest {
 protected:
  struct Money {
    Cents approved = 0;
    Cents committed = 0;
    Cents delivered = 0;
  };

  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    SeededPicker random(20261126);
    auto pick = [&](int n) { return random.pick(n); };
    auto tx = write();
    ASSERT_OK(insert_parties(*tx, kOrgs, kUsers, orgs_, users_));
    for (int n = 0; n < kNeeds; ++n) {
      Need need = make_need(n, orgs_[pick(kOrgs)], users_[pick(kUsers)]);
      need.id = test_id(pick(1 << 30));
      need.created_at = 1000 + pick(40);  // ties, broken by id
      need.tlp = static_cast<Tlp>(pick(kTlpCount));
      need.status = static_cast<NeedStatus>(pick(kNeedStatusCount));
      need.duplicate_of.reset();
      need.sector = static_cast<Sector>(pick(4));
      need.region = pick(3);
      need.category = static_cast<Category>(pick(3));
      need.amount = 1'000 + pick(50'000);
      need.priority = 1 + pick(5);
      need.national_priority = pick(3) == 0 ? std::optional<int>(1 + pick(5)) : std::nullopt;
      need.access = {random.some(orgs_), random.some(users_)};
      ASSERT_OK(tx->insert_need(need));
      needs_.push_back(need);
    }
    ASSERT_OK(tx->insert_matching_run(
        {test_id(1), users_[0], "1", 1, "optimal", 0, 0, "{}", std::string(64, 'f'), "{}", 1}));
    ASSERT_OK(tx->insert_proposal({test_id(2), test_id(1), users_[0], 1}));
    Offer offer = make_offer(1, orgs_[1], users_[1]);
    ASSERT_OK(tx->insert_offer(offer));
    for (int n = 0; n < kAllocations; ++n) {
      // Most needs have none, some several.
      const Need& need = needs_[pick(kNeeds / 3)];
      Allocation allocation;
      allocation.id = test_id(5'000'000 + n);
      allocation.proposal = test_id(2);
      allocation.run = test_id(1);
      allocation.need = need.id;
      allocation.offer = offer.id;
      allocation.need_org = need.org;
      allocation.offer_org = offer.org;
      allocation.amount = 1 + pick(30'000);
      allocation.offer_amount = allocation.amount;
      allocation.status = static_cast<AllocationStatus>(pick(kAllocationStatusCount));
      allocation.tlp = need.tlp;
      allocation.creator = users_[0];
      allocation.created_at = allocation.updated_at = 2000 + n;
      ASSERT_OK(tx->insert_allocation(allocation));
      for (Money* sums : {&money_[need.id], &offer_money_}) {
        if (holds_money(allocation.status, false)) sums->approved += allocation.amount;
        if (is_committed(allocation.status)) sums->committed += allocation.amount;
        if (is_delivered(allocation.status)) sums->delivered += allocation.amount;
      }
    }
    ASSERT_OK(tx->commit());
    offer_ = offer;
  }

  std::map<GroupKey, Sums> expected_groups(const ReadScope& scope, CoverageBy by) {
    std::map<GroupKey, Sums> groups;
    for (const Need& need : needs_) {
      if (!visible(scope, need)) continue;
      const Money money = money_[need.id];
      auto& [count, needed, approved, committed, delivered, gap] =
          groups[{key_of(need, by), need.status}];
      count += 1;
      needed += need.amount;
      approved += money.approved;
      committed += money.committed;
      delivered += money.delivered;
      gap += std::max<Cents>(0, need.amount - money.committed);
    }
    return groups;
  }

  std::vector<Id> orgs_;
  std::vector<Id> users_;
  std::vector<Need> needs_;
  std::map<Id, Money> money_;
  Offer offer_;
  Money offer_money_;  // of offer_'s allocations
};

TEST_P(CoverageTest, GroupsSumTheVisibleNeedsOfEveryScope) {
  auto tx = read();
  for (const NamedScope& shape : scope_shapes(orgs_[0], users_[0])) {
    for (CoverageBy by :
         {CoverageBy::kSector, CoverageBy::kRegion, CoverageBy::kCategory, CoverageBy::kPriority}) {
      SCOPED_TRACE(shape.name + " by " + std::to_string(static_cast<int>(by)));
      Result<std::vector<CoverageGroup>> groups = tx->coverage_groups(shape.scope, by);
      ASSERT_OK(groups.status());
      std::map<GroupKey, Sums> found;
      for (const CoverageGroup& group : *groups) {
        auto [slot, fresh] = found.emplace(GroupKey{group.key, group.status},
                                           Sums{group.count, group.needed, group.approved,
                                                group.committed, group.delivered, group.gap});
        EXPECT_TRUE(fresh) << "group " << group.key << " twice";
      }
      EXPECT_EQ(found, expected_groups(shape.scope, by));
    }
  }
}

TEST_P(CoverageTest, NeedsOfPriorityAreTheVisibleOnesNewestFirstWithTheirSums) {
  auto tx = read();
  for (const NamedScope& shape : scope_shapes(orgs_[2], users_[2])) {
    SCOPED_TRACE(shape.name);
    std::vector<Need> expected;
    for (const Need& need : needs_) {
      if (visible(shape.scope, need) && (need.priority == 4 || need.national_priority == 4)) {
        expected.push_back(need);
      }
    }
    std::sort(expected.begin(), expected.end(), [](const Need& a, const Need& b) {
      return std::tie(a.created_at, a.id) > std::tie(b.created_at, b.id);
    });
    Result<std::vector<NeedMoney>> found = tx->needs_of_priority(shape.scope, 4);
    ASSERT_OK(found.status());
    ASSERT_EQ(found->size(), expected.size());
    for (size_t index = 0; index < expected.size(); ++index) {
      const NeedMoney& entry = (*found)[index];
      EXPECT_EQ(fields(entry.need), fields(expected[index]));
      const Money money = money_[expected[index].id];
      EXPECT_EQ(entry.approved, money.approved);
      EXPECT_EQ(entry.committed, money.committed);
      EXPECT_EQ(entry.delivered, money.delivered);
    }
  }
}

TEST_P(CoverageTest, OfferMoneySumsTheAllocationsOfEveryVisibleOffer) {
  auto tx = read();
  for (const NamedScope& shape : scope_shapes(orgs_[1], users_[1])) {
    for (const std::optional<Id>& org :
         {std::optional<Id>(), std::optional<Id>(orgs_[1]), std::optional<Id>(orgs_[0])}) {
      OfferFilter filter;
      filter.org = org;
      auto offers = tx->offer_money(shape.scope, filter);
      ASSERT_TRUE(offers.is_ok()) << offers.status().to_string();
      const bool listed = visible(shape.scope, offer_) && (!org || *org == offer_.org);
      ASSERT_EQ(offers->size(), listed ? 1u : 0u) << shape.name;
      if (!listed) continue;
      const OfferMoney& money = offers->front();
      EXPECT_EQ(money.offer, offer_.id);
      EXPECT_EQ(money.org, offer_.org);
      EXPECT_EQ(money.budget, offer_.budget);
      EXPECT_EQ(money.currency, offer_.currency);
      EXPECT_EQ(money.approved, offer_money_.approved) << shape.name;
      EXPECT_EQ(money.committed, offer_money_.committed) << shape.name;
      EXPECT_EQ(money.delivered, offer_money_.delivered) << shape.name;
    }
  }
}

TEST_P(CoverageTest, OfferMoneyCountsAnOfferWithoutAllocationsAsZero) {
  {
    auto tx = write();
    Offer bare = make_offer(2, orgs_[2], users_[2]);
    bare.tlp = Tlp::kGreen;
    ASSERT_OK(tx->insert_offer(bare));
    ASSERT_OK(tx->commit());
  }
  auto tx = read();
  OfferFilter filter;
  filter.org = orgs_[2];
  auto offers = tx->offer_money(ReadScope::unrestricted(), filter);
  ASSERT_TRUE(offers.is_ok()) << offers.status().to_string();
  ASSERT_EQ(offers->size(), 1u);
  EXPECT_EQ(offers->front().approved + offers->front().committed + offers->front().delivered, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, CoverageTest, kAllBackends, backend_name);

}  // namespace
}  // namespace tallinn::store::testing
