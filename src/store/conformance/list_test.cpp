// Lists under every shape of ReadScope and every filter, paged with a small
// limit, against a brute-force filter over the records the test inserted.
#include <algorithm>
#include <sstream>

#include "store/conformance/store_test_support.h"
#include "store/cursor.h"

namespace tallinn::store::testing {
namespace {

constexpr int kOrgs = 4;
constexpr int kUsers = 5;
constexpr int kNeeds = 240;
constexpr int kOffers = 120;
constexpr const char* kWords[] = {"pump", "firewall", "radio", "scada", "backup", "Київ"};

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Every word of `text` is a word of the title or the description.
template <typename Record>
bool has_words(const Record& record, const std::string& text) {
  std::istringstream all(lower(record.title + " " + record.description));
  std::vector<std::string> record_words{std::istream_iterator<std::string>(all), {}};
  std::istringstream wanted(lower(text));
  std::string word;
  while (wanted >> word) {
    if (!contains(record_words, word)) return false;
  }
  return true;
}

bool matches(const Need& need, const NeedFilter& filter) {
  return (!filter.status || need.status == *filter.status) &&
         (filter.statuses.empty() || std::find(filter.statuses.begin(), filter.statuses.end(),
                                               need.status) != filter.statuses.end()) &&
         (!filter.sector || need.sector == *filter.sector) &&
         (!filter.region || need.region == *filter.region) &&
         (!filter.category || need.category == *filter.category) &&
         (!filter.org || need.org == *filter.org) && has_words(need, filter.text);
}

bool matches(const Offer& offer, const OfferFilter& filter) {
  return (!filter.status || offer.status == *filter.status) &&
         (!filter.org || offer.org == *filter.org) && has_words(offer, filter.text);
}

// The ids that a list should return, in its order.
template <typename Record, typename Filter>
std::vector<Id> expected_ids(std::vector<Record> records, const ReadScope& scope,
                             const Filter& filter) {
  std::sort(records.begin(), records.end(), [](const Record& a, const Record& b) {
    return std::tie(a.created_at, a.id) > std::tie(b.created_at, b.id);
  });
  std::vector<Id> ids;
  for (const Record& record : records) {
    if (visible(scope, record) && matches(record, filter)) ids.push_back(record.id);
  }
  return ids;
}

class ListTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    SeededPicker random(20261125);
    auto pick = [&](int n) { return random.pick(n); };
    auto words = [&]() {
      return std::string(kWords[pick(6)]) + " " + kWords[pick(6)] + " " + std::to_string(pick(9));
    };
    auto tx = write();
    ASSERT_OK(insert_parties(*tx, kOrgs, kUsers, orgs_, users_));
    for (int n = 0; n < kNeeds; ++n) {
      Need need = make_need(n, orgs_[pick(kOrgs)], users_[pick(kUsers)]);
      need.id = test_id(pick(1 << 30));   // ids in no relation to time
      need.created_at = 1000 + pick(60);  // many ties, broken by id
      need.tlp = static_cast<Tlp>(pick(kTlpCount));
      need.status = static_cast<NeedStatus>(pick(3));
      need.sector = static_cast<Sector>(pick(3));
      need.region = pick(3);
      need.category = static_cast<Category>(pick(2));
      need.title = words();
      need.description = words();
      need.access = {random.some(orgs_), random.some(users_)};
      ASSERT_OK(tx->insert_need(need));
      needs_.push_back(need);
    }
    for (int n = 0; n < kOffers; ++n) {
      Offer offer = make_offer(n, orgs_[pick(kOrgs)], users_[pick(kUsers)]);
      offer.created_at = 1000 + pick(30);
      offer.tlp = static_cast<Tlp>(pick(kTlpCount));
      offer.status = static_cast<OfferStatus>(pick(2));
      offer.title = words();
      offer.description = words();
      offer.access = {random.some(orgs_), random.some(users_)};
      ASSERT_OK(tx->insert_offer(offer));
      offers_.push_back(offer);
    }
    ASSERT_OK(tx->commit());
  }

  std::vector<Id> orgs_;
  std::vector<Id> users_;
  std::vector<Need> needs_;
  std::vector<Offer> offers_;
};

TEST_P(ListTest, NeedsPageExactlyTheVisibleRecordsUnderEveryScopeAndFilter) {
  std::vector<NeedFilter> filters(10);
  filters[1].status = NeedStatus::kSubmitted;
  filters[2].sector = Sector::kTransport;
  filters[2].region = 1;
  filters[3].category = Category::kSoftware;
  filters[4].org = orgs_[1];
  filters[5].text = "pump";
  filters[6].text = "  FIREWALL   radio ";
  filters[7].text = "Київ";
  filters[8].statuses = {NeedStatus::kDraft, NeedStatus::kValidated};
  filters[9].statuses = {NeedStatus::kSubmitted};
  filters[9].sector = Sector::kTransport;
  auto tx = read();
  for (const NamedScope& shape : scope_shapes(orgs_[0], users_[0])) {
    for (size_t f = 0; f < filters.size(); ++f) {
      SCOPED_TRACE(shape.name + ", filter " + std::to_string(f));
      std::vector<Id> expected = expected_ids(needs_, shape.scope, filters[f]);
      for (int limit : {3, 200}) {
        EXPECT_EQ(all_pages(limit,
                            [&](const PageRequest& page) {
                              return tx->list_needs(shape.scope, filters[f], page);
                            }),
                  expected);
        // The same pages without the access lists (the public summary's read).
        EXPECT_EQ(all_pages(limit,
                            [&](const PageRequest& page) -> Result<Page<Need>> {
                              Result<Page<Need>> listed =
                                  tx->list_needs_without_access(shape.scope, filters[f], page);
                              if (!listed.is_ok()) return listed;
                              for (const Need& need : listed->items) {
                                EXPECT_TRUE(need.access.orgs.empty() && need.access.users.empty());
                              }
                              return listed;
                            }),
                  expected);
      }
      Result<int64_t> count = tx->count_needs(shape.scope, filters[f]);
      ASSERT_OK(count.status());
      EXPECT_EQ(*count, static_cast<int64_t>(expected.size()));
    }
  }
}

TEST_P(ListTest, OffersPageExactlyTheVisibleRecordsUnderEveryScopeAndFilter) {
  std::vector<OfferFilter> filters(4);
  filters[1].status = OfferStatus::kOpen;
  filters[2].org = orgs_[2];
  filters[3].text = "scada";
  auto tx = read();
  for (const NamedScope& shape : scope_shapes(orgs_[1], users_[1])) {
    for (size_t f = 0; f < filters.size(); ++f) {
      SCOPED_TRACE(shape.name + ", filter " + std::to_string(f));
      std::vector<Id> expected = expected_ids(offers_, shape.scope, filters[f]);
      EXPECT_EQ(all_pages(5,
                          [&](const PageRequest& page) {
                            return tx->list_offers(shape.scope, filters[f], page);
                          }),
                expected);
      Result<int64_t> count = tx->count_offers(shape.scope, filters[f]);
      ASSERT_OK(count.status());
      EXPECT_EQ(*count, static_cast<int64_t>(expected.size()));
    }
  }
}

TEST_P(ListTest, ListedRecordsCarryEveryField) {
  ReadScope office = scope_shapes(orgs_[0], users_[0]).back().scope;
  office.by_tlp.fill({.all = true});
  auto tx = read();
  Result<Page<Need>> needs = tx->list_needs(office, {}, {200, ""});
  ASSERT_OK(needs.status());
  for (const Need& listed : needs->items) {
    EXPECT_EQ(fields(listed), fields(*tx->need(listed.id)));
  }
  Result<Page<Offer>> offers = tx->list_offers(office, {}, {200, ""});
  ASSERT_OK(offers.status());
  ASSERT_EQ(offers->items.size(), static_cast<size_t>(kOffers));
  for (const Offer& listed : offers->items) {
    EXPECT_EQ(fields(listed), fields(*tx->offer(listed.id)));
  }
}

TEST_P(ListTest, TextIndexFollowsUpdates) {
  ReadScope everyone;
  everyone.by_tlp.fill({.all = true});
  Need need = needs_[0];
  need.title = "Zaporizhzhia transformer";
  {
    auto tx = write();
    ASSERT_OK(tx->update_need(need, need.version));
    ASSERT_OK(tx->commit());
  }
  auto tx = read();
  NeedFilter filter;
  filter.text = "transformer";
  Result<Page<Need>> found = tx->list_needs(everyone, filter, {10, ""});
  ASSERT_OK(found.status());
  ASSERT_EQ(found->items.size(), 1u);
  EXPECT_EQ(found->items[0].id, need.id);
  filter.text = "\"transformer";  // FTS5 syntax in input is taken as text
  found = tx->list_needs(everyone, filter, {10, ""});
  ASSERT_OK(found.status());
  EXPECT_EQ(found->items.size(), 1u);
  filter.text = "київ";  // folded like ASCII letters
  found = tx->list_needs(everyone, filter, {200, ""});
  ASSERT_OK(found.status());
  NeedFilter exact;
  exact.text = "Київ";
  EXPECT_EQ(found->items.size(), tx->list_needs(everyone, exact, {200, ""})->items.size());
  EXPECT_FALSE(found->items.empty());
  filter.text = "transformer OR pump";
  found = tx->list_needs(everyone, filter, {10, ""});
  ASSERT_OK(found.status());
  EXPECT_TRUE(found->items.empty());
}

TEST_P(ListTest, BrokenCursorsAreMalformed) {
  ReadScope everyone;
  everyone.by_tlp.fill({.all = true});
  auto tx = read();
  Result<Page<Need>> first = tx->list_needs(everyone, {}, {3, ""});
  ASSERT_OK(first.status());
  std::string good = first->next;
  ASSERT_FALSE(good.empty());
  std::vector<std::string> broken = {
      "!",
      good + "=",
      good.substr(0, good.size() - 1),
      good + "A",
      encode_sequence_cursor(4),
      "MjoxMDAwOmFi",  // "2:1000:ab", an unknown version
      "MTphYmM6YWI",   // "1:abc:ab", no number
      std::string(300, 'A'),
  };
  for (const std::string& cursor : broken) {
    SCOPED_TRACE(cursor);
    Result<Page<Need>> page = tx->list_needs(everyone, {}, {3, cursor});
    ASSERT_FALSE(page.is_ok());
    EXPECT_EQ(page.status().code(), ErrorCode::kMalformed);
    EXPECT_EQ(page.status().field(), "cursor");
    EXPECT_EQ(tx->list_offers(everyone, {}, {3, cursor}).status().code(), ErrorCode::kMalformed);
    EXPECT_EQ(tx->list_users(std::nullopt, {3, cursor}).status().code(), ErrorCode::kMalformed);
  }
  EXPECT_EQ(tx->list_audit({3, good}).status().code(), ErrorCode::kMalformed);
}

// A forged cursor only moves the starting point; the scope still holds.
TEST_P(ListTest, ForgedCursorStillFiltersByScope) {
  const NamedScope granted = scope_shapes(orgs_[0], users_[0])[4];
  auto tx = read();
  std::string forged = encode_time_cursor({1'000'000, "zzzz"});
  Result<Page<Need>> page = tx->list_needs(granted.scope, {}, {200, forged});
  ASSERT_OK(page.status());
  EXPECT_EQ(page->items.size(), expected_ids(needs_, granted.scope, NeedFilter{}).size());
  for (const Need& need : page->items) EXPECT_TRUE(visible(granted.scope, need));
}

INSTANTIATE_TEST_SUITE_P(Backends, ListTest, kAllBackends, backend_name);

using TextSearchTest = StoreTest;

// Every word must occur in the title or the description, whatever its case
// or its Latin accents.
TEST_P(TextSearchTest, AllWordsCaseAndAccentsFolded) {
  Organisation organisation = make_organisation(1);
  Need kyiv = make_need(1, organisation.id, test_id(2'000'001));
  kyiv.title = "Захист мережі КИЇВ";
  kyiv.description = "Café backup, off-site";
  Need lviv = make_need(2, organisation.id, test_id(2'000'001));
  lviv.title = "Backup for Lviv";
  lviv.description = "Resilient storage";
  Offer offer = make_offer(1, organisation.id, test_id(2'000'001));
  offer.title = "Storage for backups";
  auto tx = write();
  ASSERT_OK(tx->insert_organisation(organisation));
  ASSERT_OK(tx->insert_need(kyiv));
  ASSERT_OK(tx->insert_need(lviv));
  ASSERT_OK(tx->insert_offer(offer));
  ASSERT_OK(tx->commit());

  ReadScope everyone;
  for (auto& clause : everyone.by_tlp) clause.all = true;
  auto found = [&](const std::string& text) {
    auto reader = read();
    NeedFilter filter;
    filter.text = text;
    Result<Page<Need>> page = reader->list_needs(everyone, filter, {10, ""});
    EXPECT_TRUE(page.is_ok()) << page.status().to_string();
    std::vector<Id> ids;
    if (page.is_ok()) {
      for (const Need& need : page->items) ids.push_back(need.id);
    }
    EXPECT_EQ(*reader->count_needs(everyone, filter), static_cast<int64_t>(ids.size()));
    return ids;
  };
  EXPECT_EQ(found("київ"), std::vector<Id>{kyiv.id});
  EXPECT_EQ(found("cafe МЕРЕЖІ"), std::vector<Id>{kyiv.id});
  EXPECT_EQ(found("BACKUP"), (std::vector<Id>{lviv.id, kyiv.id}));
  EXPECT_EQ(found("backup storage"), std::vector<Id>{lviv.id});
  EXPECT_EQ(found("backup absent"), std::vector<Id>{});
  EXPECT_EQ(found("   "), (std::vector<Id>{lviv.id, kyiv.id}));

  OfferFilter offer_filter;
  offer_filter.text = "storage";
  Result<Page<Offer>> offers = read()->list_offers(everyone, offer_filter, {10, ""});
  ASSERT_TRUE(offers.is_ok());
  EXPECT_EQ(offers->items.size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, TextSearchTest, kAllBackends, backend_name);

}  // namespace
}  // namespace tallinn::store::testing
