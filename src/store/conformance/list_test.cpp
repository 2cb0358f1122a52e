// Scoped, filtered, keyset-paged lists on every backend, checked against a
// brute-force filter of the same records; and the audit trail.
#include <algorithm>
#include <random>

#include "store/conformance/backend_fixture.h"
#include "store/cursor.h"

namespace tallinn::store::testing {
namespace {

constexpr int kOrgs = 4;
constexpr int kUsers = 4;
constexpr int kNeeds = 120;

const char* const kWords[] = {"firewall", "backup", "training", "scada", "laptops", "vpn"};

// What a scope reveals, decided record by record: the meaning the backends'
// queries must have.
bool visible(const ReadScope& scope, const Need& need) {
  const ReadScope::Clause& clause = scope.clause(need.tlp);
  auto holds = [](const std::vector<Id>& list, const Id& id) {
    return !id.empty() && std::find(list.begin(), list.end(), id) != list.end();
  };
  return clause.all || (clause.owner_org && !scope.org.empty() && need.org == scope.org) ||
         (clause.creator && !scope.user.empty() && need.creator == scope.user) ||
         (clause.granted_org && holds(need.access.orgs, scope.org)) ||
         (clause.named_user && holds(need.access.users, scope.user));
}

bool contains_word(const std::string& text, const std::string& word) {
  return (" " + text + " ").find(" " + word + " ") != std::string::npos;
}

bool matches(const NeedFilter& filter, const Need& need) {
  if (filter.status && need.status != *filter.status) return false;
  if (filter.sector && need.sector != *filter.sector) return false;
  if (filter.org && need.org != *filter.org) return false;
  if (!filter.text.empty()) {
    return contains_word(need.title, filter.text) || contains_word(need.description, filter.text);
  }
  return true;
}

class ListTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    std::mt19937 random(7);
    auto tx = write();
    for (int n = 0; n < kOrgs; ++n) ASSERT_OK(tx->insert_organisation(make_organisation(n)));
    for (int n = 0; n < kNeeds; ++n) {
      Need need = make_need(n, test_id(1'000'000 + random() % kOrgs),
                            test_id(2'000'000 + random() % kUsers));
      need.tlp = static_cast<Tlp>(random() % kTlpCount);
      need.status = random() % 2 == 0 ? NeedStatus::kPublished : NeedStatus::kDraft;
      need.sector = static_cast<Sector>(random() % 3);
      need.title = std::string(kWords[random() % 6]) + " for site " + std::to_string(n);
      need.description = std::string(kWords[random() % 6]) + " and more";
      // Ties on created_at, so ids must break them.
      need.created_at = 1'700'000'000'000 + static_cast<int64_t>(n / 3);
      need.access = {};
      if (random() % 3 == 0) need.access.orgs.push_back(test_id(1'000'000 + random() % kOrgs));
      if (random() % 3 == 0) need.access.users.push_back(test_id(2'000'000 + random() % kUsers));
      ASSERT_OK(tx->insert_need(need));
      needs_.push_back(need);
    }
    ASSERT_OK(tx->commit());
  }

  std::vector<Id> expected(const ReadScope& scope, const NeedFilter& filter) const {
    std::vector<const Need*> kept;
    for (const Need& need : needs_) {
      if (visible(scope, need) && matches(filter, need)) kept.push_back(&need);
    }
    std::sort(kept.begin(), kept.end(), [](const Need* a, const Need* b) {
      return std::tie(a->created_at, a->id) > std::tie(b->created_at, b->id);
    });
    std::vector<Id> ids;
    for (const Need* need : kept) ids.push_back(need->id);
    return ids;
  }

  // Every page of the list, following cursors.
  std::vector<Id> listed(const ReadScope& scope, const NeedFilter& filter, int limit) {
    auto tx = read();
    std::vector<Id> ids;
    PageRequest page{limit, ""};
    for (int pages = 0; pages <= kNeeds; ++pages) {
      Result<Page<Need>> result = tx->list_needs(scope, filter, page);
      EXPECT_TRUE(result.is_ok()) << result.status().to_string();
      if (!result.is_ok()) break;
      EXPECT_LE(result->items.size(), static_cast<size_t>(limit));
      for (const Need& need : result->items) ids.push_back(need.id);
      if (result->next.empty()) break;
      EXPECT_EQ(result->items.size(), static_cast<size_t>(limit));
      page.cursor = result->next;
    }
    Result<int64_t> count = tx->count_needs(scope, filter);
    EXPECT_TRUE(count.is_ok());
    if (count.is_ok()) {
      EXPECT_EQ(*count, static_cast<int64_t>(ids.size()));
    }
    return ids;
  }

  std::vector<Need> needs_;
};

std::vector<ReadScope> scopes() {
  std::vector<ReadScope> all;
  ReadScope everyone;
  for (auto& clause : everyone.by_tlp) clause.all = true;
  all.push_back(everyone);
  ReadScope nobody;
  all.push_back(nobody);
  for (int shape = 0; shape < 16; ++shape) {
    ReadScope scope;
    scope.org = test_id(1'000'000 + shape % kOrgs);
    scope.user = shape % 5 == 4 ? "" : test_id(2'000'000 + shape % kUsers);
    for (int tlp = 0; tlp < kTlpCount; ++tlp) {
      ReadScope::Clause& clause = scope.by_tlp[tlp];
      int bits = (shape * 7 + tlp * 3) % 32;
      clause.all = tlp < 2 && shape % 2 == 0;
      clause.owner_org = bits & 1;
      clause.granted_org = bits & 2;
      clause.named_user = bits & 4;
      clause.creator = bits & 8;
    }
    all.push_back(scope);
  }
  return all;
}

TEST_P(ListTest, EveryScopeAndFilterPagesLikeTheBruteForce) {
  std::vector<NeedFilter> filters(5);
  filters[1].status = NeedStatus::kPublished;
  filters[2].sector = Sector::kTransport;
  filters[2].org = test_id(1'000'001);
  filters[3].text = "firewall";
  filters[4].text = "  SCADA ";
  for (const ReadScope& scope : scopes()) {
    for (size_t f = 0; f < filters.size(); ++f) {
      SCOPED_TRACE("scope " + scope.org + "/" + scope.user + " filter " + std::to_string(f));
      NeedFilter lowered = filters[f];
      if (f == 4) lowered.text = "scada";
      std::vector<Id> want = expected(scope, lowered);
      EXPECT_EQ(listed(scope, filters[f], 7), want);
      if (f == 0) {
        EXPECT_EQ(listed(scope, filters[f], 200), want);
      }
    }
  }
}

TEST_P(ListTest, BadCursorsAreMalformed) {
  ReadScope everyone;
  for (auto& clause : everyone.by_tlp) clause.all = true;
  auto tx = read();
  for (std::string cursor : {std::string("%%%"), std::string("MTo"), encode_sequence_cursor(4)}) {
    SCOPED_TRACE(cursor);
    Result<Page<Need>> page = tx->list_needs(everyone, {}, {3, cursor});
    EXPECT_EQ(page.status().code(), ErrorCode::kMalformed);
    EXPECT_EQ(page.status().field(), "cursor");
    EXPECT_EQ(tx->list_offers(everyone, {}, {3, cursor}).status().code(), ErrorCode::kMalformed);
    EXPECT_EQ(tx->list_users(std::nullopt, {3, cursor}).status().code(), ErrorCode::kMalformed);
    EXPECT_EQ(tx->list_organisations({3, cursor}).status().code(), ErrorCode::kMalformed);
  }
}

TEST_P(ListTest, OrganisationsAndUsersPageNewestFirst) {
  auto tx = write();
  for (int n = 0; n < 9; ++n) {
    ASSERT_OK(tx->insert_user(make_user(n, test_id(1'000'000 + n % 2)), "hash"));
  }
  std::vector<Id> ids;
  PageRequest page{4, ""};
  while (true) {
    Result<Page<User>> result = tx->list_users(test_id(1'000'000), page);
    ASSERT_TRUE(result.is_ok());
    for (const User& user : result->items) ids.push_back(user.id);
    if (result->next.empty()) break;
    page.cursor = result->next;
  }
  EXPECT_EQ(ids, (std::vector<Id>{test_id(2'000'008), test_id(2'000'006), test_id(2'000'004),
                                  test_id(2'000'002), test_id(2'000'000)}));
  Result<Page<Organisation>> organisations = tx->list_organisations({3, ""});
  ASSERT_TRUE(organisations.is_ok());
  ASSERT_EQ(organisations->items.size(), 3u);
  EXPECT_EQ(organisations->items[0].id, test_id(1'000'003));
  EXPECT_FALSE(organisations->next.empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, ListTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

using TextSearchTest = BackendTest;

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

INSTANTIATE_TEST_SUITE_P(Backends, TextSearchTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

using AuditTest = BackendTest;

TEST_P(AuditTest, AppendsInSequenceListsAndScans) {
  auto tx = write();
  EXPECT_FALSE(tx->last_audit_entry()->has_value());
  std::string previous(64, '0');
  for (int64_t sequence = 1; sequence <= 7; ++sequence) {
    AuditEntry entry = make_audit_entry(sequence, previous);
    ASSERT_OK(tx->append_audit(entry));
    previous = entry.hash;
  }
  EXPECT_EQ(tx->append_audit(make_audit_entry(9, previous)).code(), ErrorCode::kConflict);
  EXPECT_EQ(tx->append_audit(make_audit_entry(3, previous)).code(), ErrorCode::kConflict);
  ASSERT_OK(tx->commit());

  auto reader = read();
  EXPECT_EQ((*reader->last_audit_entry())->hash, previous);
  std::vector<int64_t> listed;
  PageRequest page{3, ""};
  while (true) {
    Result<Page<AuditEntry>> result = reader->list_audit(page);
    ASSERT_TRUE(result.is_ok());
    for (const AuditEntry& entry : result->items) listed.push_back(entry.sequence);
    if (result->next.empty()) break;
    page.cursor = result->next;
  }
  EXPECT_EQ(listed, (std::vector<int64_t>{7, 6, 5, 4, 3, 2, 1}));
  std::vector<int64_t> scanned;
  ASSERT_OK(reader->scan_audit([&](const AuditEntry& entry) {
    scanned.push_back(entry.sequence);
    return Status::ok();
  }));
  EXPECT_EQ(scanned, (std::vector<int64_t>{1, 2, 3, 4, 5, 6, 7}));
  Status stopped = reader->scan_audit([](const AuditEntry&) { return conflict("stop"); });
  EXPECT_EQ(stopped.message(), "stop");
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tallinn::store::testing
