// Round trips of every field of every record, uniqueness, versions.
#include "store/conformance/store_test_support.h"

namespace tallinn::store::testing {
namespace {

class RecordsTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto tx = write();
    ASSERT_OK(tx->insert_organisation(org_));
    ASSERT_OK(tx->insert_user(user_, "hash-1"));
    ASSERT_OK(tx->commit());
  }

  Organisation org_ = make_organisation(1);
  User user_ = make_user(1, org_.id);
};

TEST_P(RecordsTest, OrganisationRoundTripsAndCounts) {
  auto tx = read();
  Result<Organisation> stored = tx->organisation(org_.id);
  ASSERT_OK(stored.status());
  EXPECT_EQ(fields(*stored), fields(org_));
  EXPECT_EQ(tx->organisation(test_id(5)).status().code(), ErrorCode::kNotFound);
  Result<int64_t> count = tx->count_organisations();
  ASSERT_OK(count.status());
  EXPECT_EQ(*count, 1);
}

TEST_P(RecordsTest, UserRoundTripsAndIsFoundByEmailInAnyCase) {
  auto tx = read();
  Result<User> stored = tx->user(user_.id);
  ASSERT_OK(stored.status());
  EXPECT_EQ(fields(*stored), fields(user_));
  Result<Credentials> credentials = tx->credentials_by_email("USER1@Example.ORG");
  ASSERT_OK(credentials.status());
  EXPECT_EQ(fields(credentials->user), fields(user_));
  EXPECT_EQ(credentials->password_hash, "hash-1");
  EXPECT_EQ(tx->credentials_by_email("nobody@example.org").status().code(), ErrorCode::kNotFound);
}

TEST_P(RecordsTest, EmailIsUniqueCaseInsensitively) {
  auto tx = write();
  User other = make_user(2, org_.id);
  other.email = "User1@EXAMPLE.org";
  EXPECT_EQ(tx->insert_user(other, "hash-2").code(), ErrorCode::kConflict);
  other.email = "user2@example.org";
  ASSERT_OK(tx->insert_user(other, "hash-2"));
  other.email = "USER1@example.org";
  EXPECT_EQ(tx->update_user(other, other.version).code(), ErrorCode::kConflict);
}

TEST_P(RecordsTest, PasswordHashChangesWithoutTouchingTheVersion) {
  auto tx = write();
  ASSERT_OK(tx->set_password_hash(user_.id, "hash-new"));
  EXPECT_EQ(tx->set_password_hash(test_id(5), "x").code(), ErrorCode::kNotFound);
  Result<Credentials> credentials = tx->credentials_by_email(user_.email);
  ASSERT_OK(credentials.status());
  EXPECT_EQ(credentials->password_hash, "hash-new");
  EXPECT_EQ(credentials->user.version, user_.version);
}

TEST_P(RecordsTest, SessionsRoundTripAndAreDeleted) {
  auto tx = write();
  Session session{std::string(64, 'f'), user_.id, 10, 20, 15};
  Session other{std::string(64, 'e'), user_.id, 11, 21, 11};
  ASSERT_OK(tx->insert_session(session));
  ASSERT_OK(tx->insert_session(other));
  EXPECT_EQ(tx->insert_session(session).code(), ErrorCode::kConflict);
  Result<Session> stored = tx->session(session.token_hash);
  ASSERT_OK(stored.status());
  EXPECT_EQ(fields(*stored), fields(session));
  ASSERT_OK(tx->delete_session(session.token_hash));
  EXPECT_EQ(tx->session(session.token_hash).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(tx->delete_session(session.token_hash).code(), ErrorCode::kNotFound);
  ASSERT_OK(tx->delete_sessions_of(user_.id));
  EXPECT_EQ(tx->session(other.token_hash).status().code(), ErrorCode::kNotFound);
  ASSERT_OK(tx->delete_sessions_of(user_.id));
}

TEST_P(RecordsTest, NeedRoundTripsEveryField) {
  Need need = make_need(1, org_.id, user_.id);
  Need plain = make_need(2, org_.id, user_.id);
  plain.national_priority.reset();
  plain.duplicate_of.reset();
  plain.access = {};
  {
    auto tx = write();
    ASSERT_OK(tx->insert_need(need));
    ASSERT_OK(tx->insert_need(plain));
    EXPECT_EQ(tx->insert_need(need).code(), ErrorCode::kConflict);
    ASSERT_OK(tx->commit());
  }
  auto tx = read();
  for (const Need& expected : {need, plain}) {
    Result<Need> stored = tx->need(expected.id);
    ASSERT_OK(stored.status());
    EXPECT_EQ(fields(*stored), fields(expected));
  }
  EXPECT_EQ(tx->need(test_id(5)).status().code(), ErrorCode::kNotFound);
}

TEST_P(RecordsTest, NeedOfAnUnknownOrganisationIsRefused) {
  auto tx = write();
  EXPECT_EQ(tx->insert_need(make_need(1, test_id(5), user_.id)).code(), ErrorCode::kConflict);
}

TEST_P(RecordsTest, OfferRoundTripsEveryField) {
  Offer offer = make_offer(1, org_.id, user_.id);
  Offer any = make_offer(2, org_.id, user_.id);
  any.sectors.clear();
  any.regions.clear();
  any.categories.clear();
  {
    auto tx = write();
    ASSERT_OK(tx->insert_offer(offer));
    ASSERT_OK(tx->insert_offer(any));
    ASSERT_OK(tx->commit());
  }
  auto tx = read();
  for (const Offer& expected : {offer, any}) {
    Result<Offer> stored = tx->offer(expected.id);
    ASSERT_OK(stored.status());
    EXPECT_EQ(fields(*stored), fields(expected));
  }
}

// The update of each kind of record: version + 1 on success; a stale
// version is kConflict and changes nothing; an absent record is kNotFound.
TEST_P(RecordsTest, UpdatesCheckTheVersion) {
  Need need = make_need(1, org_.id, user_.id);
  Offer offer = make_offer(1, org_.id, user_.id);
  auto tx = write();
  ASSERT_OK(tx->insert_need(need));
  ASSERT_OK(tx->insert_offer(offer));

  Need changed_need = need;
  changed_need.title = "Replaced title";
  changed_need.access = {{test_id(12)}, {}};
  changed_need.national_priority.reset();
  EXPECT_EQ(tx->update_need(changed_need, need.version - 1).code(), ErrorCode::kConflict);
  EXPECT_EQ(fields(*tx->need(need.id)), fields(need));
  ASSERT_OK(tx->update_need(changed_need, need.version));
  changed_need.version = need.version + 1;
  EXPECT_EQ(fields(*tx->need(need.id)), fields(changed_need));

  Offer changed_offer = offer;
  changed_offer.regions = {1};
  changed_offer.budget = 5;
  EXPECT_EQ(tx->update_offer(changed_offer, offer.version + 1).code(), ErrorCode::kConflict);
  EXPECT_EQ(fields(*tx->offer(offer.id)), fields(offer));
  ASSERT_OK(tx->update_offer(changed_offer, offer.version));
  changed_offer.version = offer.version + 1;
  EXPECT_EQ(fields(*tx->offer(offer.id)), fields(changed_offer));

  Organisation changed_org = org_;
  changed_org.name = "Renamed";
  EXPECT_EQ(tx->update_organisation(changed_org, 7).code(), ErrorCode::kConflict);
  ASSERT_OK(tx->update_organisation(changed_org, org_.version));
  changed_org.version = org_.version + 1;
  EXPECT_EQ(fields(*tx->organisation(org_.id)), fields(changed_org));

  User changed_user = user_;
  changed_user.disabled = !user_.disabled;
  EXPECT_EQ(tx->update_user(changed_user, 1).code(), ErrorCode::kConflict);
  ASSERT_OK(tx->update_user(changed_user, user_.version));
  changed_user.version = user_.version + 1;
  EXPECT_EQ(fields(*tx->user(user_.id)), fields(changed_user));

  EXPECT_EQ(tx->update_need(make_need(9, org_.id, user_.id), 1).code(), ErrorCode::kNotFound);
  EXPECT_EQ(tx->update_offer(make_offer(9, org_.id, user_.id), 1).code(), ErrorCode::kNotFound);
  EXPECT_EQ(tx->update_user(make_user(9, org_.id), 1).code(), ErrorCode::kNotFound);
  EXPECT_EQ(tx->update_organisation(make_organisation(9), 1).code(), ErrorCode::kNotFound);
}

TEST_P(RecordsTest, UsersAndOrganisationsPageNewestFirst) {
  Organisation second = make_organisation(2);
  {
    auto tx = write();
    ASSERT_OK(tx->insert_organisation(second));
    for (int n = 2; n <= 9; ++n)
      ASSERT_OK(tx->insert_user(make_user(n, n % 2 ? org_.id : second.id), "h"));
    ASSERT_OK(tx->commit());
  }
  auto tx = read();
  std::vector<Id> seen;
  PageRequest page{3, ""};
  do {
    Result<Page<User>> users = tx->list_users(org_.id, page);
    ASSERT_OK(users.status());
    for (const User& user : users->items) {
      EXPECT_EQ(user.org, org_.id);
      seen.push_back(user.id);
    }
    page.cursor = users->next;
  } while (!page.cursor.empty());
  // Users 9, 7, 5, 3, 1 belong to org_, newest first.
  EXPECT_EQ(seen, (std::vector<Id>{make_user(9, "").id, make_user(7, "").id, make_user(5, "").id,
                                   make_user(3, "").id, user_.id}));
  Result<Page<Organisation>> organisations = tx->list_organisations({1, ""});
  ASSERT_OK(organisations.status());
  ASSERT_EQ(organisations->items.size(), 1u);
  EXPECT_EQ(organisations->items[0].id, second.id);
  organisations = tx->list_organisations({1, organisations->next});
  ASSERT_OK(organisations.status());
  ASSERT_EQ(organisations->items.size(), 1u);
  EXPECT_EQ(organisations->items[0].id, org_.id);
  EXPECT_TRUE(organisations->next.empty());
}

// A refused write (here a second email in another case, an unknown
// organisation) leaves the transaction usable, and what it wrote before and
// after is committed.
TEST_P(RecordsTest, ARefusedWriteLeavesTheTransactionUsable) {
  User twin = make_user(2, org_.id);
  twin.email = "USER1@Example.ORG";
  User third = make_user(3, org_.id);
  auto tx = write();
  ASSERT_OK(tx->insert_organisation(make_organisation(2)));
  EXPECT_EQ(tx->insert_user(twin, "h").code(), ErrorCode::kConflict);
  EXPECT_EQ(tx->insert_user(make_user(4, test_id(5)), "h").code(), ErrorCode::kConflict);
  ASSERT_OK(tx->insert_user(third, "h"));
  ASSERT_OK(tx->commit());
  auto reader = read();
  EXPECT_EQ(*reader->count_organisations(), 2);
  ASSERT_OK(reader->user(third.id).status());
  EXPECT_EQ(reader->user(twin.id).status().code(), ErrorCode::kNotFound);
}

INSTANTIATE_TEST_SUITE_P(Backends, RecordsTest, kAllBackends, backend_name);

}  // namespace
}  // namespace tallinn::store::testing
