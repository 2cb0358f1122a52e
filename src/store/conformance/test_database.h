// A database of its own for one test on the throwaway PostgreSQL cluster
// that scripts/pg-test-cluster.sh starts (CTest fixture pg_cluster): for the
// store's conformance tests, the API case suite and the workflow tests that
// run on both backends.
#pragma once

#include <string>

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
  PostgresDatabase(const PostgresDatabase&) = delete;
  PostgresDatabase& operator=(const PostgresDatabase&) = delete;
  const std::string& url() const { return url_; }
  // The cluster's own database, for administration.
  const std::string& admin_url() const { return admin_url_; }

 private:
  std::string admin_url_;
  std::string name_;
  std::string url_;
};

}  // namespace tallinn::store::testing
