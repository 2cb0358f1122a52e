// Shared pieces of the store tests: a fresh temporary folder per test, a
// migrated store in it, and records with every field set.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <tuple>

#include "core/domain.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

#define ASSERT_OK(expr)                                                \
  do {                                                                 \
    ::tallinn::Status assert_status_ = (expr);                         \
    ASSERT_TRUE(assert_status_.is_ok()) << assert_status_.to_string(); \
  } while (false)

namespace tallinn::store::sqlite::testing {

// A folder made for one test and removed with everything in it afterwards.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Options that print failure details to stderr.
SqliteOptions logging_options();

// A test with its own database file, opened and migrated.
class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override;
  // Opens the database file (again: another Store on the same file).
  std::unique_ptr<Store> reopen(SqliteOptions options = logging_options());
  std::unique_ptr<Transaction> write();
  std::unique_ptr<Transaction> read();
  std::string db_path() const { return (dir_.path() / "test.db").string(); }

  TempDir dir_;
  std::unique_ptr<Store> store_;
};

// The n-th test id: 32 hex digits, ordered like n.
Id test_id(int n);

Organisation make_organisation(int n, Role kind = Role::kBeneficiary);
User make_user(int n, const Id& org);
// A need of `org` with every field, optional ones included, set.
Need make_need(int n, const Id& org, const Id& creator);
Offer make_offer(int n, const Id& org, const Id& creator);
// Entry `sequence` of a chain, with every field set.
AuditEntry make_audit_entry(int64_t sequence);

}  // namespace tallinn::store::sqlite::testing

namespace tallinn {

// Every field, for comparing records in tests (the records have no ==).
inline auto fields(const Organisation& o) {
  return std::tie(o.id, o.name, o.kind, o.country, o.version, o.created_at, o.updated_at);
}
inline auto fields(const User& u) {
  return std::tie(u.id, u.org, u.email, u.role, u.disabled, u.version, u.created_at, u.updated_at);
}
inline auto fields(const Session& s) {
  return std::tie(s.token_hash, s.user, s.created_at, s.expires_at);
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
inline auto fields(const AuditEntry& e) {
  return std::tie(e.sequence, e.time, e.actor_user, e.actor_org, e.action, e.record_type,
                  e.record_id, e.outcome, e.changed_fields, e.state_digest, e.previous_hash,
                  e.hash);
}

}  // namespace tallinn
