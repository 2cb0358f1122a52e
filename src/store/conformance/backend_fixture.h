// The backend-parameterised store tests: each test gets a fresh, migrated
// Store of the backend named by its parameter, "sqlite" (a file in a
// temporary folder) or "postgres" (a new database on the test cluster that
// scripts/pg-test-cluster.sh started; the test skips when there is none).
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "core/audit_record.h"
#include "core/domain.h"
#include "store/store.h"

#define ASSERT_OK(expr)                                                \
  do {                                                                 \
    ::tallinn::Status assert_status_ = (expr);                         \
    ASSERT_TRUE(assert_status_.is_ok()) << assert_status_.to_string(); \
  } while (false)

namespace tallinn::store::testing {

// The URL of the test cluster's database: $TALLINN_TEST_PG_URL, else the
// one the CTest fixture wrote into the build folder; empty when neither.
std::string test_cluster_url();

// A database created on the test cluster for one test and dropped after it.
class PostgresDatabase {
 public:
  // Creates it; url() is empty when there is no cluster.
  PostgresDatabase();
  ~PostgresDatabase();
  const std::string& url() const { return url_; }
  // The cluster's own database, for administration (EXPLAIN, killing
  // sessions).
  const std::string& admin_url() const { return admin_url_; }

 private:
  std::string admin_url_;
  std::string name_;
  std::string url_;
};

class BackendTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;
  void TearDown() override;
  bool is_postgres() const { return GetParam() == "postgres"; }
  // Another Store on the same database: a second process or node.
  std::unique_ptr<Store> open_another();
  std::unique_ptr<Transaction> write();
  std::unique_ptr<Transaction> read();
  const std::string& url() const { return url_; }

  std::filesystem::path dir_;
  std::unique_ptr<PostgresDatabase> database_;
  std::string url_;
  std::unique_ptr<Store> store_;
};

// The n-th test id: 32 hex digits, ordered like n.
Id test_id(int n);
Organisation make_organisation(int n, Role kind = Role::kBeneficiary);
User make_user(int n, const Id& org);
// A need of `org` with every field, optional ones included, set.
Need make_need(int n, const Id& org, const Id& creator);
Offer make_offer(int n, const Id& org, const Id& creator);
// Entry `sequence` of a chain whose previous entry's hash is `previous_hash`.
AuditEntry make_audit_entry(int64_t sequence, const std::string& previous_hash);

}  // namespace tallinn::store::testing
