#include "store/conformance/store_test_support.h"

#include <cstdlib>

namespace tallinn::store::testing {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "store_test_XXXXXX").string();
  char* made = mkdtemp(pattern.data());
  if (made == nullptr) std::abort();
  path_ = made;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::vector<NamedScope> scope_shapes(const Id& org, const Id& user) {
  auto scope = [&](std::initializer_list<std::pair<Tlp, ReadScope::Clause>> clauses,
                   bool signed_in = true) {
    ReadScope result;
    for (const auto& [tlp, clause] : clauses) result.by_tlp[static_cast<int>(tlp)] = clause;
    if (signed_in) {
      result.org = org;
      result.user = user;
    }
    return result;
  };
  ReadScope::Clause all{.all = true};
  ReadScope::Clause owner{.owner_org = true};
  ReadScope::Clause granted{.granted_org = true};
  ReadScope::Clause named{.named_user = true};
  ReadScope::Clause creator{.creator = true};
  ReadScope::Clause owner_or_granted{.owner_org = true, .granted_org = true};
  ReadScope::Clause named_or_creator{.named_user = true, .creator = true};
  return {
      {"nothing", scope({})},
      {"public", scope({{Tlp::kClear, all}}, false)},
      {"signed_in", scope({{Tlp::kClear, all}, {Tlp::kGreen, all}})},
      {"owner", scope({{Tlp::kAmber, owner}, {Tlp::kAmberStrict, owner}})},
      {"granted", scope({{Tlp::kAmber, granted}})},
      {"named", scope({{Tlp::kRed, named}})},
      {"creator", scope({{Tlp::kRed, creator}, {Tlp::kAmber, creator}})},
      {"member", scope({{Tlp::kClear, all},
                        {Tlp::kGreen, all},
                        {Tlp::kAmber, owner_or_granted},
                        {Tlp::kAmberStrict, owner},
                        {Tlp::kRed, named_or_creator}})},
      {"office", scope({{Tlp::kClear, all},
                        {Tlp::kGreen, all},
                        {Tlp::kAmber, {.all = true, .owner_org = true}},
                        {Tlp::kAmberStrict, all},
                        {Tlp::kRed, named_or_creator}})},
      {"redundant_flags", scope({{Tlp::kRed,
                                  {.all = false,
                                   .owner_org = true,
                                   .granted_org = true,
                                   .named_user = true,
                                   .creator = true}}})},
  };
}

void StoreTest::SetUp() {
  if (is_postgres()) {
    database_ = std::make_unique<PostgresDatabase>();
    if (database_->url().empty()) GTEST_SKIP() << "no PostgreSQL test cluster";
    url_ = database_->url();
  } else {
    dir_.emplace();
    url_ = "sqlite://" + (dir_->path() / "test.db").string();
  }
  store_ = reopen();
  ASSERT_NE(store_, nullptr);
  ASSERT_OK(store_->migrate());
}

void StoreTest::TearDown() {
  store_.reset();
  database_.reset();
  dir_.reset();
}

std::unique_ptr<Store> StoreTest::reopen() {
  Result<std::unique_ptr<Store>> opened = open_store(url_);
  EXPECT_TRUE(opened.is_ok()) << opened.status().to_string();
  return opened.is_ok() ? std::move(opened).value() : nullptr;
}

std::unique_ptr<Transaction> begin_or_fail(Store& store, TransactionMode mode) {
  Result<std::unique_ptr<Transaction>> begun = store.begin(mode);
  EXPECT_TRUE(begun.is_ok()) << begun.status().to_string();
  return begun.is_ok() ? std::move(begun).value() : nullptr;
}

Status append_audit_entries(Store& store, int count) {
  TALLINN_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, store.begin(TransactionMode::kWrite));
  for (int sequence = 1; sequence <= count; ++sequence) {
    TALLINN_RETURN_IF_ERROR(tx->append_audit(make_audit_entry(sequence)));
  }
  return tx->commit();
}

Id test_id(int n) {
  char text[33];
  std::snprintf(text, sizeof text, "%032x", n);
  return text;
}

Status insert_parties(Transaction& transaction, int orgs, int users, std::vector<Id>& org_ids,
                      std::vector<Id>& user_ids) {
  const size_t first_org = org_ids.size();
  for (int n = 0; n < orgs; ++n) {
    org_ids.push_back(make_organisation(n).id);
    TALLINN_RETURN_IF_ERROR(transaction.insert_organisation(make_organisation(n)));
  }
  for (int n = 0; n < users; ++n) {
    const Id& org = org_ids[first_org + static_cast<size_t>(n % orgs)];
    user_ids.push_back(make_user(n, org).id);
    TALLINN_RETURN_IF_ERROR(transaction.insert_user(make_user(n, org), "h"));
  }
  return Status::ok();
}

Organisation make_organisation(int n, Role kind) {
  Organisation organisation;
  organisation.id = test_id(1'000'000 + n);
  organisation.name = "Organisation " + std::to_string(n);
  organisation.kind = kind;
  organisation.country = "UA";
  organisation.version = 1;
  organisation.created_at = 1'700'000'000'000 + n;
  organisation.updated_at = organisation.created_at + 5;
  return organisation;
}

User make_user(int n, const Id& org) {
  User user;
  user.id = test_id(2'000'000 + n);
  user.org = org;
  user.email = "user" + std::to_string(n) + "@example.org";
  user.role = Role::kDonor;
  user.disabled = n % 2 == 1;
  user.version = 3;
  user.created_at = 1'700'000'000'000 + n;
  user.updated_at = user.created_at + 7;
  return user;
}

Need make_need(int n, const Id& org, const Id& creator) {
  Need need;
  need.id = test_id(3'000'000 + n);
  need.org = org;
  need.title = "Firewall for substation " + std::to_string(n);
  need.description = "Segment the OT network of the substation; 'quoted' \"text\" ok.";
  need.sector = Sector::kDrinkingWater;
  need.region = 12;
  need.category = Category::kIncidentResponse;
  need.amount = 12'345'678;
  need.priority = 5;
  need.national_priority = 2;
  need.divisible = false;
  need.tlp = Tlp::kAmberStrict;
  need.status = NeedStatus::kDuplicate;
  need.duplicate_of = test_id(3'999'999);
  need.access.orgs = {test_id(77), test_id(55)};
  need.access.users = {test_id(88)};
  need.creator = creator;
  need.version = 4;
  need.created_at = 1'700'000'000'000 + n;
  need.updated_at = need.created_at + 9;
  return need;
}

Offer make_offer(int n, const Id& org, const Id& creator) {
  Offer offer;
  offer.id = test_id(4'000'000 + n);
  offer.org = org;
  offer.title = "Training offer " + std::to_string(n);
  offer.description = "Incident response training for grid operators.";
  offer.budget = 98'765'432;
  offer.sectors = {Sector::kHealth, Sector::kEnergy};
  offer.regions = {26, 3, 11};
  offer.categories = {Category::kTraining};
  offer.tlp = Tlp::kGreen;
  offer.status = OfferStatus::kClosed;
  offer.access.orgs = {test_id(66)};
  offer.access.users = {test_id(99), test_id(98)};
  offer.creator = creator;
  offer.version = 2;
  offer.created_at = 1'700'000'000'000 + n;
  offer.updated_at = offer.created_at + 11;
  return offer;
}

AuditEntry make_audit_entry(int64_t sequence) {
  AuditEntry entry;
  entry.sequence = sequence;
  entry.time = 1'700'000'000'000 + sequence;
  entry.actor_user = test_id(1);
  entry.actor_org = test_id(2);
  entry.action = "need.create";
  entry.record_type = "need";
  entry.record_id = test_id(3);
  entry.outcome = "ok";
  entry.changed_fields = "amount,title";
  entry.state_digest = std::string(64, 'a');
  entry.previous_hash = std::string(64, sequence == 1 ? '0' : 'b');
  entry.hash = std::string(64, 'c');
  return entry;
}

}  // namespace tallinn::store::testing
