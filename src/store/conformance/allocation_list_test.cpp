// The paged allocation list (page_allocations) against a brute-force filter
// over the allocations the test inserted: every reader's narrowing (the
// parties, RED to its named users and creator) and every filter, paged with
// several limits; and a cursor that stays valid while allocations are
// inserted between its pages.
#include <algorithm>
#include <set>

#include "store/conformance/store_test_support.h"

namespace tallinn::store::testing {
namespace {

constexpr int kOrgs = 4;
constexpr int kUsers = 5;
constexpr int kNeeds = 12;
constexpr int kOffers = 6;
constexpr int kAllocations = 160;

// access.md's reading of an allocation through `filter`, written out
// independently of the store's SQL.
bool matches(const Allocation& allocation, const AllocationFilter& filter) {
  const bool party = !filter.party_org || allocation.need_org == *filter.party_org ||
                     allocation.offer_org == *filter.party_org ||
                     allocation.implementer_org == *filter.party_org;
  const bool red_reader = !filter.red_reader || allocation.tlp != Tlp::kRed ||
                          allocation.creator == *filter.red_reader ||
                          contains(allocation.access.users, *filter.red_reader);
  return party && red_reader && (!filter.need || allocation.need == *filter.need) &&
         (!filter.offer || allocation.offer == *filter.offer) &&
         (!filter.proposal || allocation.proposal == *filter.proposal) &&
         (!filter.run || allocation.run == *filter.run);
}

class AllocationListTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto tx = write();
    ASSERT_OK(insert_parties(*tx, kOrgs, kUsers, orgs_, users_));
    for (int n = 0; n < kNeeds; ++n) {
      needs_.push_back(make_need(n, orgs_[random_.pick(kOrgs)], users_[0]));
      ASSERT_OK(tx->insert_need(needs_.back()));
    }
    for (int n = 0; n < kOffers; ++n) {
      offers_.push_back(make_offer(n, orgs_[random_.pick(kOrgs)], users_[0]));
      ASSERT_OK(tx->insert_offer(offers_.back()));
    }
    for (int n = 1; n <= 2; ++n) {
      ASSERT_OK(tx->insert_matching_run(
          {test_id(n), users_[0], "1", 1, "optimal", 0, 0, "{}", std::string(64, 'f'), "{}", 1}));
      ASSERT_OK(tx->insert_proposal({test_id(10 + n), test_id(n), users_[0], 1}));
    }
    for (int n = 0; n < kAllocations; ++n) {
      ASSERT_OK(tx->insert_allocation(random_allocation(2000 + random_.pick(40))));
    }
    ASSERT_OK(tx->commit());
  }

  // An allocation between a random need and offer, of a random marking and
  // status, with an id in no relation to its time.
  Allocation random_allocation(int64_t created_at) {
    const Need& need = needs_[random_.pick(kNeeds)];
    const Offer& offer = offers_[random_.pick(kOffers)];
    const int run = 1 + random_.pick(2);
    Allocation allocation;
    do {
      allocation.id = test_id(random_.pick(1 << 30));
    } while (!ids_.insert(allocation.id).second);
    allocation.run = test_id(run);
    allocation.proposal = test_id(10 + run);
    allocation.need = need.id;
    allocation.offer = offer.id;
    allocation.need_org = need.org;
    allocation.offer_org = offer.org;
    if (random_.pick(3) == 0) allocation.implementer_org = orgs_[random_.pick(kOrgs)];
    allocation.amount = allocation.offer_amount = 1 + random_.pick(30'000);
    allocation.status = static_cast<AllocationStatus>(random_.pick(kAllocationStatusCount));
    allocation.tlp = static_cast<Tlp>(random_.pick(kTlpCount));
    allocation.access = {random_.some(orgs_), random_.some(users_)};
    allocation.creator = users_[random_.pick(kUsers)];
    allocation.created_at = allocation.updated_at = created_at;
    allocations_.push_back(allocation);
    return allocation;
  }

  // The ids that page_allocations should return, in its order.
  std::vector<Id> expected_ids(const AllocationFilter& filter) const {
    std::vector<Allocation> sorted = allocations_;
    std::sort(sorted.begin(), sorted.end(), [](const Allocation& a, const Allocation& b) {
      return std::tie(a.created_at, a.id) > std::tie(b.created_at, b.id);
    });
    std::vector<Id> ids;
    for (const Allocation& allocation : sorted) {
      if (matches(allocation, filter)) ids.push_back(allocation.id);
    }
    return ids;
  }

  // The filters to try: every reader's narrowing, alone and with each
  // kind of filter.
  std::vector<AllocationFilter> filters() const {
    std::vector<AllocationFilter> readers = {{}};
    readers.push_back({.red_reader = users_[0]});
    for (int n = 0; n < kOrgs; ++n) {
      readers.push_back({.party_org = orgs_[n], .red_reader = users_[n % kUsers]});
    }
    std::vector<AllocationFilter> all;
    for (const AllocationFilter& reader : readers) {
      all.push_back(reader);
      AllocationFilter by_need = reader;
      by_need.need = needs_[0].id;
      AllocationFilter by_offer = reader;
      by_offer.offer = offers_[1].id;
      AllocationFilter by_proposal = reader;
      by_proposal.proposal = test_id(11);
      AllocationFilter by_run = reader;
      by_run.run = test_id(2);
      all.insert(all.end(), {by_need, by_offer, by_proposal, by_run});
    }
    return all;
  }

  SeededPicker random_{20261127};
  std::vector<Id> orgs_;
  std::vector<Id> users_;
  std::vector<Need> needs_;
  std::vector<Offer> offers_;
  std::vector<Allocation> allocations_;
  std::set<Id> ids_;
};

TEST_P(AllocationListTest, PagesConcatenateToTheWholeListOfEveryReaderAndFilter) {
  auto tx = read();
  for (const AllocationFilter& filter : filters()) {
    const std::vector<Id> expected = expected_ids(filter);
    // The unpaged list, which the services' own bookkeeping reads, agrees.
    auto whole = tx->list_allocations(filter);
    ASSERT_TRUE(whole.is_ok()) << whole.status().to_string();
    std::vector<Id> whole_ids;
    for (const Allocation& allocation : *whole) whole_ids.push_back(allocation.id);
    EXPECT_EQ(whole_ids, expected);
    for (int limit : {1, 3, 7, 200}) {
      const std::vector<Id> paged = all_pages(
          limit, [&](const PageRequest& page) { return tx->page_allocations(filter, page); });
      EXPECT_EQ(paged, expected) << "limit " << limit << ", party "
                                 << filter.party_org.value_or("-");
    }
  }
}

TEST_P(AllocationListTest, PagesReturnWholeRecords) {
  auto tx = read();
  auto page = tx->page_allocations({}, {.limit = 5, .cursor = {}});
  ASSERT_TRUE(page.is_ok()) << page.status().to_string();
  ASSERT_EQ(page->items.size(), 5u);
  for (const Allocation& item : page->items) {
    auto stored = tx->allocation(item.id);
    ASSERT_TRUE(stored.is_ok());
    EXPECT_EQ(item.need, stored->need);
    EXPECT_EQ(item.amount, stored->amount);
    EXPECT_EQ(item.status, stored->status);
    EXPECT_EQ(item.tlp, stored->tlp);
    EXPECT_EQ(item.access.users, stored->access.users);
  }
}

TEST_P(AllocationListTest, ACursorSurvivesInsertsBetweenItsPages) {
  const AllocationFilter filter{.red_reader = users_[1]};
  PageRequest request{.limit = 9, .cursor = {}};
  std::vector<Id> seen;
  {
    auto tx = read();
    auto first = tx->page_allocations(filter, request);
    ASSERT_TRUE(first.is_ok()) << first.status().to_string();
    for (const Allocation& item : first->items) seen.push_back(item.id);
    request.cursor = first->next;
  }
  ASSERT_FALSE(request.cursor.empty());
  // Newer allocations land before the cursor and are not shown; older ones
  // land after it and are, once. Neither shifts what follows.
  for (int round = 0; round < 3; ++round) {
    {
      auto tx = write();
      ASSERT_OK(tx->insert_allocation(random_allocation(3000 + round)));
      ASSERT_OK(tx->insert_allocation(random_allocation(1000 + round)));
      ASSERT_OK(tx->commit());
    }
    auto tx = read();
    auto next = tx->page_allocations(filter, request);
    ASSERT_TRUE(next.is_ok()) << next.status().to_string();
    for (const Allocation& item : next->items) seen.push_back(item.id);
    request.cursor = next->next;
    if (request.cursor.empty()) break;
  }
  while (!request.cursor.empty()) {
    auto tx = read();
    auto next = tx->page_allocations(filter, request);
    ASSERT_TRUE(next.is_ok()) << next.status().to_string();
    for (const Allocation& item : next->items) seen.push_back(item.id);
    request.cursor = next->next;
  }
  // Every allocation at or after the first page's last one, in order, and
  // none twice.
  std::vector<Id> expected;
  for (const Id& id : expected_ids(filter)) {
    const auto stored = std::find_if(allocations_.begin(), allocations_.end(),
                                     [&](const Allocation& a) { return a.id == id; });
    if (stored->created_at < 3000) expected.push_back(id);
  }
  EXPECT_EQ(seen, expected);
  EXPECT_EQ(std::set<Id>(seen.begin(), seen.end()).size(), seen.size());
}

TEST_P(AllocationListTest, AForgedCursorIsMalformedNamingTheCursor) {
  auto tx = read();
  auto page = tx->page_allocations({}, {.limit = 5, .cursor = "not a cursor"});
  ASSERT_FALSE(page.is_ok());
  EXPECT_EQ(page.status().code(), ErrorCode::kMalformed);
  EXPECT_EQ(page.status().field(), "cursor");
}

INSTANTIATE_TEST_SUITE_P(Backends, AllocationListTest, kAllBackends, backend_name);

}  // namespace
}  // namespace tallinn::store::testing
