// Single records on every backend: round trips, lookups, versions,
// uniqueness, and what a transaction allows.
#include "store/conformance/backend_fixture.h"

namespace tallinn::store::testing {
namespace {

inline auto fields(const Organisation& o) {
  return std::tie(o.id, o.name, o.kind, o.country, o.version, o.created_at, o.updated_at);
}
inline auto fields(const User& u) {
  return std::tie(u.id, u.org, u.email, u.role, u.disabled, u.version, u.created_at, u.updated_at);
}
inline auto fields(const Need& n) {
  return std::tie(n.id, n.org, n.title, n.description, n.sector, n.region, n.category, n.amount,
                  n.priority, n.national_priority, n.divisible, n.tlp, n.status, n.duplicate_of,
                  n.access.orgs, n.access.users, n.creator, n.version, n.created_at, n.updated_at);
}
inline auto fields(const Offer& o) {
  return std::tie(o.id, o.org, o.title, o.description, o.budget, o.sectors, o.regions, o.categories,
                  o.tlp, o.status, o.access.orgs, o.access.users, o.creator, o.version,
                  o.created_at, o.updated_at);
}

using RecordsTest = BackendTest;

TEST_P(RecordsTest, OrganisationRoundTripUpdateAndCount) {
  Organisation organisation = make_organisation(1);
  auto tx = write();
  ASSERT_OK(tx->insert_organisation(organisation));
  EXPECT_EQ(tx->insert_organisation(organisation).code(), ErrorCode::kConflict);
  ASSERT_OK(tx->commit());

  tx = write();
  Result<Organisation> stored = tx->organisation(organisation.id);
  ASSERT_TRUE(stored.is_ok());
  EXPECT_EQ(fields(*stored), fields(organisation));
  EXPECT_EQ(tx->organisation(test_id(9)).status().code(), ErrorCode::kNotFound);

  organisation.name = "Renamed";
  ASSERT_OK(tx->update_organisation(organisation, 1));
  EXPECT_EQ(tx->update_organisation(organisation, 1).code(), ErrorCode::kConflict);
  Organisation absent = make_organisation(2);
  EXPECT_EQ(tx->update_organisation(absent, 1).code(), ErrorCode::kNotFound);
  stored = tx->organisation(organisation.id);
  ASSERT_TRUE(stored.is_ok());
  EXPECT_EQ(stored->name, "Renamed");
  EXPECT_EQ(stored->version, 2);
  ASSERT_OK(tx->insert_organisation(absent));
  EXPECT_EQ(*tx->count_organisations(), 2);
  ASSERT_OK(tx->commit());
}

TEST_P(RecordsTest, EmailsAreUniqueCaseInsensitivelyAndTheTransactionGoesOn) {
  Organisation organisation = make_organisation(1);
  User user = make_user(1, organisation.id);
  User twin = make_user(2, organisation.id);
  twin.email = "USER1@Example.ORG";
  auto tx = write();
  ASSERT_OK(tx->insert_organisation(organisation));
  ASSERT_OK(tx->insert_user(user, "hash-1"));
  EXPECT_EQ(tx->insert_user(twin, "hash-2").code(), ErrorCode::kConflict);
  EXPECT_EQ(tx->insert_user(make_user(3, test_id(5)), "hash-3").code(), ErrorCode::kConflict);
  ASSERT_OK(tx->commit());

  tx = write();
  Result<Credentials> found = tx->credentials_by_email("User1@EXAMPLE.org");
  ASSERT_TRUE(found.is_ok());
  EXPECT_EQ(fields(found->user), fields(user));
  EXPECT_EQ(found->password_hash, "hash-1");
  EXPECT_EQ(tx->credentials_by_email("nobody@example.org").status().code(), ErrorCode::kNotFound);
  ASSERT_OK(tx->set_password_hash(user.id, "hash-9"));
  EXPECT_EQ(tx->set_password_hash(test_id(8), "x").code(), ErrorCode::kNotFound);
  EXPECT_EQ(tx->credentials_by_email(user.email)->password_hash, "hash-9");
  EXPECT_EQ(tx->user(user.id)->version, 3);

  User second = make_user(4, organisation.id);
  ASSERT_OK(tx->insert_user(second, "hash-4"));
  second.email = "user1@example.org";
  EXPECT_EQ(tx->update_user(second, second.version).code(), ErrorCode::kConflict);
  second.email = "new@example.org";
  ASSERT_OK(tx->update_user(second, second.version));
  EXPECT_EQ(tx->update_user(second, second.version).code(), ErrorCode::kConflict);
  EXPECT_EQ(tx->user(second.id)->version, second.version + 1);
  ASSERT_OK(tx->commit());
}

TEST_P(RecordsTest, Sessions) {
  Organisation organisation = make_organisation(1);
  User user = make_user(1, organisation.id);
  Session session{"token-hash-1", user.id, 10, 20};
  auto tx = write();
  ASSERT_OK(tx->insert_organisation(organisation));
  ASSERT_OK(tx->insert_user(user, "hash"));
  ASSERT_OK(tx->insert_session(session));
  EXPECT_EQ(tx->insert_session(session).code(), ErrorCode::kConflict);
  ASSERT_OK(tx->insert_session({"token-hash-2", user.id, 11, 21}));
  Result<Session> stored = tx->session("token-hash-1");
  ASSERT_TRUE(stored.is_ok());
  EXPECT_EQ(stored->user, user.id);
  EXPECT_EQ(stored->expires_at, 20);
  ASSERT_OK(tx->delete_session("token-hash-1"));
  EXPECT_EQ(tx->delete_session("token-hash-1").code(), ErrorCode::kNotFound);
  ASSERT_OK(tx->delete_sessions_of(user.id));
  ASSERT_OK(tx->delete_sessions_of(user.id));
  EXPECT_EQ(tx->session("token-hash-2").status().code(), ErrorCode::kNotFound);
  ASSERT_OK(tx->commit());
}

TEST_P(RecordsTest, NeedRoundTripGrantsAndVersions) {
  Organisation organisation = make_organisation(1);
  Need need = make_need(1, organisation.id, test_id(2'000'001));
  Need bare = make_need(2, organisation.id, test_id(2'000'001));
  bare.national_priority.reset();
  bare.duplicate_of.reset();
  bare.access = {};
  auto tx = write();
  ASSERT_OK(tx->insert_organisation(organisation));
  ASSERT_OK(tx->insert_need(need));
  ASSERT_OK(tx->insert_need(bare));
  EXPECT_EQ(tx->insert_need(need).code(), ErrorCode::kConflict);
  EXPECT_EQ(tx->insert_need(make_need(3, test_id(5), test_id(6))).code(), ErrorCode::kConflict);
  ASSERT_OK(tx->commit());

  tx = write();
  EXPECT_EQ(fields(*tx->need(need.id)), fields(need));
  EXPECT_EQ(fields(*tx->need(bare.id)), fields(bare));
  EXPECT_EQ(tx->need(test_id(7)).status().code(), ErrorCode::kNotFound);
  need.title = "Renamed";
  need.access = {{test_id(1'000'903)}, {}};
  need.status = NeedStatus::kMatched;
  ASSERT_OK(tx->update_need(need, need.version));
  EXPECT_EQ(tx->update_need(need, need.version).code(), ErrorCode::kConflict);
  need.version += 1;
  EXPECT_EQ(fields(*tx->need(need.id)), fields(need));
  ASSERT_OK(tx->commit());
}

TEST_P(RecordsTest, OfferRoundTripTargetsAndVersions) {
  Organisation organisation = make_organisation(1, Role::kDonor);
  Offer offer = make_offer(1, organisation.id, test_id(2'000'001));
  auto tx = write();
  ASSERT_OK(tx->insert_organisation(organisation));
  ASSERT_OK(tx->insert_offer(offer));
  ASSERT_OK(tx->commit());

  tx = write();
  EXPECT_EQ(fields(*tx->offer(offer.id)), fields(offer));
  offer.sectors = {Sector::kBanking};
  offer.regions = {};
  offer.categories = {Category::kTraining, Category::kSoftware};
  ASSERT_OK(tx->update_offer(offer, offer.version));
  EXPECT_EQ(tx->update_offer(offer, offer.version).code(), ErrorCode::kConflict);
  EXPECT_EQ(tx->update_offer(make_offer(2, organisation.id, test_id(1)), 4).code(),
            ErrorCode::kNotFound);
  offer.version += 1;
  EXPECT_EQ(fields(*tx->offer(offer.id)), fields(offer));
  ASSERT_OK(tx->commit());
}

TEST_P(RecordsTest, UncommittedWritesRollBackAndReadsCannotWrite) {
  Organisation organisation = make_organisation(1);
  {
    auto tx = write();
    ASSERT_OK(tx->insert_organisation(organisation));
  }
  auto reader = read();
  EXPECT_EQ(reader->organisation(organisation.id).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(reader->insert_organisation(organisation).code(), ErrorCode::kInternal);
  ASSERT_OK(reader->commit());
  EXPECT_EQ(reader->organisation(organisation.id).status().code(), ErrorCode::kInternal);
}

TEST_P(RecordsTest, ReadersSeeOneSnapshot) {
  auto reader = read();
  EXPECT_EQ(*reader->count_organisations(), 0);
  auto writer = write();
  ASSERT_OK(writer->insert_organisation(make_organisation(1)));
  ASSERT_OK(writer->commit());
  EXPECT_EQ(*reader->count_organisations(), 0);
  ASSERT_OK(reader->commit());
  EXPECT_EQ(*read()->count_organisations(), 1);
}

TEST_P(RecordsTest, MigratingTwiceChangesNothing) {
  ASSERT_OK(store_->migrate());
  std::unique_ptr<Store> other = open_another();
  ASSERT_OK(other->migrate());
  ASSERT_OK(other->ping());
}

INSTANTIATE_TEST_SUITE_P(Backends, RecordsTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tallinn::store::testing
