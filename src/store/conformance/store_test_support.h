// Shared pieces of the store tests: the backend-parameterised StoreTest,
// which gives each test a fresh, migrated Store of the backend named by its
// parameter ("sqlite": a file in a temporary folder; "postgres": a database
// of its own on the test cluster (test_database.h), or a skip when there is
// none), and records with every field set.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "core/domain.h"
#include "store/conformance/test_database.h"
#include "store/store.h"

#define ASSERT_OK(expr)                                                \
  do {                                                                 \
    ::tallinn::Status assert_status_ = (expr);                         \
    ASSERT_TRUE(assert_status_.is_ok()) << assert_status_.to_string(); \
  } while (false)

namespace tallinn::store::testing {

// A folder made for one test and removed with everything in it afterwards.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// A transaction of `store`, or a test failure and null.
std::unique_ptr<Transaction> begin_or_fail(Store& store, TransactionMode mode);

// Inserts make_organisation(0..orgs-1) and make_user(0..users-1), user n
// in organisation n % orgs, appending their ids to `org_ids` and
// `user_ids`: the parties of the tests that fill a store with records.
Status insert_parties(Transaction& transaction, int orgs, int users, std::vector<Id>& org_ids,
                      std::vector<Id>& user_ids);

// Appends make_audit_entry(1), ..., (count) in one write transaction.
Status append_audit_entries(Store& store, int count);

// The backends every StoreTest runs on:
// INSTANTIATE_TEST_SUITE_P(Backends, X, kAllBackends, backend_name).
inline const auto kAllBackends = ::testing::Values("sqlite", "postgres");
inline std::string backend_name(const ::testing::TestParamInfo<std::string>& info) {
  return info.param;
}

// A test with its own database, opened and migrated.
class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;
  void TearDown() override;
  bool is_postgres() const { return GetParam() == "postgres"; }
  // Another Store on the same database: a second process or node.
  std::unique_ptr<Store> reopen();
  std::unique_ptr<Transaction> write() { return begin_or_fail(*store_, TransactionMode::kWrite); }
  std::unique_ptr<Transaction> read() { return begin_or_fail(*store_, TransactionMode::kRead); }
  const std::string& url() const { return url_; }

  std::optional<TempDir> dir_;
  std::unique_ptr<PostgresDatabase> database_;
  std::string url_;
  std::unique_ptr<Store> store_;
};

// A ReadScope shape that policy/ builds, written out by hand.
struct NamedScope {
  std::string name;
  ReadScope scope;
};
// Every shape, for `org` and `user` (the public one has neither).
std::vector<NamedScope> scope_shapes(const Id& org, const Id& user);

inline bool contains(const std::vector<Id>& ids, const Id& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// Whether a need or offer is visible under `scope`: access.md's read rule
// written out independently of the store's SQL.
template <typename Record>
bool visible(const ReadScope& scope, const Record& record) {
  const ReadScope::Clause& clause = scope.clause(record.tlp);
  bool has_org = !scope.org.empty();
  bool has_user = !scope.user.empty();
  return clause.all || (clause.owner_org && has_org && record.org == scope.org) ||
         (clause.granted_org && has_org && contains(record.access.orgs, scope.org)) ||
         (clause.named_user && has_user && contains(record.access.users, scope.user)) ||
         (clause.creator && has_user && record.creator == scope.user);
}

// Fixed-seed random choices for the tests that fill a store with varied
// records: the same records on every run and every backend.
class SeededPicker {
 public:
  explicit SeededPicker(uint32_t seed) : random_(seed) {}
  // 0..n-1.
  int pick(int n) { return static_cast<int>(random_() % static_cast<unsigned>(n)); }
  // Each of `from`, in order, with a chance of one in four.
  std::vector<Id> some(const std::vector<Id>& from) {
    std::vector<Id> chosen;
    for (const Id& id : from) {
      if (pick(4) == 0) chosen.push_back(id);
    }
    return chosen;
  }

 private:
  std::mt19937 random_;
};

// Pages through a whole list; fails the test on an error or a page larger
// than the limit.
template <typename List>
std::vector<Id> all_pages(int limit, const List& list) {
  std::vector<Id> ids;
  PageRequest page{limit, ""};
  for (int pages = 0; pages < 1000; ++pages) {
    auto result = list(page);
    EXPECT_TRUE(result.is_ok()) << result.status().to_string();
    if (!result.is_ok()) break;
    EXPECT_LE(result->items.size(), static_cast<size_t>(limit));
    for (const auto& item : result->items) ids.push_back(item.id);
    if (result->next.empty()) break;
    EXPECT_FALSE(result->items.empty());
    page.cursor = result->next;
  }
  return ids;
}

// The n-th test id: 32 hex digits, ordered like n.
Id test_id(int n);

Organisation make_organisation(int n, Role kind = Role::kBeneficiary);
User make_user(int n, const Id& org);
// A need of `org` with every field, optional ones included, set.
Need make_need(int n, const Id& org, const Id& creator);
Offer make_offer(int n, const Id& org, const Id& creator);
// Entry `sequence` of a chain, with every field set.
AuditEntry make_audit_entry(int64_t sequence);

}  // namespace tallinn::store::testing

namespace tallinn {

// Every field, for comparing records in tests (the records have no ==).
inline auto fields(const Organisation& o) {
  return std::tie(o.id, o.name, o.kind, o.country, o.version, o.created_at, o.updated_at);
}
inline auto fields(const User& u) {
  return std::tie(u.id, u.org, u.email, u.role, u.disabled, u.version, u.created_at, u.updated_at);
}
inline auto fields(const Session& s) {
  return std::tie(s.token_hash, s.user, s.created_at, s.expires_at, s.last_seen_at);
}
inline auto fields(const SecondFactor& f) {
  return std::tie(f.totp_secret, f.totp_pending, f.totp_last_step);
}
inline auto fields(const Need& n) {
  return std::tie(n.id, n.org, n.title, n.description, n.sector, n.region, n.category, n.amount,
                  n.priority, n.national_priority, n.divisible, n.tlp, n.status, n.duplicate_of,
                  n.access.orgs, n.access.users, n.creator, n.version, n.created_at, n.updated_at,
                  n.assessment);
}
inline auto fields(const Offer& o) {
  return std::tie(o.id, o.org, o.title, o.description, o.budget, o.sectors, o.regions, o.categories,
                  o.tlp, o.status, o.access.orgs, o.access.users, o.creator, o.version,
                  o.created_at, o.updated_at, o.currency);
}
inline auto fields(const AuditEntry& e) {
  return std::tie(e.sequence, e.time, e.actor_user, e.actor_org, e.action, e.record_type,
                  e.record_id, e.outcome, e.changed_fields, e.state_digest, e.previous_hash,
                  e.hash);
}

}  // namespace tallinn
