#include "store/conformance/backend_fixture.h"

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "store/postgres/connection.h"

namespace tallinn::store::testing {
namespace {

std::unique_ptr<postgres::Connection> admin_connection(const std::string& url) {
  static const postgres::LogSink log = [](std::string_view detail) { std::cerr << detail << "\n"; };
  Result<std::unique_ptr<postgres::Connection>> opened =
      postgres::Connection::open(url, 30000, &log);
  EXPECT_TRUE(opened.is_ok()) << opened.status().to_string();
  return opened.is_ok() ? std::move(opened).value() : nullptr;
}

}  // namespace

std::string test_cluster_url() {
  if (const char* url = std::getenv("TALLINN_TEST_PG_URL"); url != nullptr && *url != '\0') {
    return url;
  }
#ifdef TALLINN_TEST_PG_URL_FILE
  std::ifstream file(TALLINN_TEST_PG_URL_FILE);
  std::string url;
  if (file >> url) return url;
#endif
  return "";
}

PostgresDatabase::PostgresDatabase() : admin_url_(test_cluster_url()) {
  if (admin_url_.empty()) return;
  static std::atomic<int> counter{0};
  name_ = "store_test_" + std::to_string(getpid()) + "_" + std::to_string(counter++);
  std::unique_ptr<postgres::Connection> admin = admin_connection(admin_url_);
  if (admin == nullptr) return;
  // The name is made here from digits, never from input.
  Status created = admin->exec_script("CREATE DATABASE " + name_);
  EXPECT_TRUE(created.is_ok()) << created.to_string();
  if (created.is_ok()) url_ = admin_url_.substr(0, admin_url_.rfind('/') + 1) + name_;
}

PostgresDatabase::~PostgresDatabase() {
  if (url_.empty()) return;
  if (std::unique_ptr<postgres::Connection> admin = admin_connection(admin_url_)) {
    admin->exec_script("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  }
}

void BackendTest::SetUp() {
  if (is_postgres()) {
    database_ = std::make_unique<PostgresDatabase>();
    if (database_->url().empty()) GTEST_SKIP() << "no PostgreSQL test cluster";
    url_ = database_->url();
  } else {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "store_backend_XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    url_ = "sqlite://" + (dir_ / "test.db").string();
  }
  store_ = open_another();
  ASSERT_NE(store_, nullptr);
  ASSERT_OK(store_->migrate());
}

void BackendTest::TearDown() {
  store_.reset();
  database_.reset();
  if (!dir_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
}

std::unique_ptr<Store> BackendTest::open_another() {
  Result<std::unique_ptr<Store>> opened = open_store(url_);
  EXPECT_TRUE(opened.is_ok()) << opened.status().to_string();
  return opened.is_ok() ? std::move(opened).value() : nullptr;
}

std::unique_ptr<Transaction> BackendTest::write() {
  Result<std::unique_ptr<Transaction>> begun = store_->begin(TransactionMode::kWrite);
  EXPECT_TRUE(begun.is_ok()) << begun.status().to_string();
  return begun.is_ok() ? std::move(begun).value() : nullptr;
}

std::unique_ptr<Transaction> BackendTest::read() {
  Result<std::unique_ptr<Transaction>> begun = store_->begin(TransactionMode::kRead);
  EXPECT_TRUE(begun.is_ok()) << begun.status().to_string();
  return begun.is_ok() ? std::move(begun).value() : nullptr;
}

Id test_id(int n) {
  char text[33];
  std::snprintf(text, sizeof text, "%032x", n);
  return text;
}

Organisation make_organisation(int n, Role kind) {
  Organisation organisation;
  organisation.id = test_id(1'000'000 + n);
  organisation.name = "Organisation " + std::to_string(n);
  organisation.kind = kind;
  organisation.country = "UA";
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
  need.description = "Segmenting the control network of substation " + std::to_string(n);
  need.sector = static_cast<Sector>(n % kSectorCount);
  need.region = n % kRegionCount;
  need.category = static_cast<Category>(n % kCategoryCount);
  need.amount = 100'000 + n;
  need.priority = 1 + n % 5;
  need.national_priority = 1 + (n + 2) % 5;
  need.divisible = n % 3 != 0;
  need.tlp = Tlp::kAmber;
  need.status = NeedStatus::kPublished;
  need.duplicate_of = test_id(3'000'000 + n + 1);
  need.access = {{test_id(1'000'900), test_id(1'000'901)}, {test_id(2'000'900)}};
  need.creator = creator;
  need.version = 2;
  need.created_at = 1'700'000'000'000 + n;
  need.updated_at = need.created_at + 9;
  return need;
}

Offer make_offer(int n, const Id& org, const Id& creator) {
  Offer offer;
  offer.id = test_id(4'000'000 + n);
  offer.org = org;
  offer.title = "Incident response retainer " + std::to_string(n);
  offer.description = "Twelve months of on-call responders";
  offer.budget = 5'000'000 + n;
  offer.sectors = {Sector::kHealth, Sector::kEnergy};
  offer.regions = {n % kRegionCount};
  offer.categories = {Category::kIncidentResponse};
  offer.tlp = Tlp::kGreen;
  offer.status = OfferStatus::kOpen;
  offer.access = {{test_id(1'000'902)}, {}};
  offer.creator = creator;
  offer.version = 4;
  offer.created_at = 1'700'000'000'000 + n;
  offer.updated_at = offer.created_at + 11;
  return offer;
}

AuditEntry make_audit_entry(int64_t sequence, const std::string& previous_hash) {
  AuditEntry entry;
  entry.sequence = sequence;
  entry.time = 1'700'000'000'000 + sequence;
  entry.actor_user = test_id(2'000'001);
  entry.actor_org = test_id(1'000'001);
  entry.action = "need.update";
  entry.record_type = "need";
  entry.record_id = test_id(3'000'001);
  entry.outcome = "ok";
  entry.changed_fields = "amount,title";
  entry.state_digest = std::string(64, 'a');
  entry.previous_hash = previous_hash;
  entry.hash = test_id(static_cast<int>(sequence)) + test_id(7);
  return entry;
}

}  // namespace tallinn::store::testing
