// What only the PostgreSQL backend has to show: index-backed pages (by
// EXPLAIN), append-only audit rows, migrations recorded once, and service
// that resumes by itself when the server drops its connections.
#include <algorithm>
#include <cstdlib>
#include <string>
#include <thread>

#include "store/conformance/store_test_support.h"
#include "store/cursor.h"
#include "store/postgres/connection.h"
#include "store/postgres/marked_query.h"
#include "store/postgres/migrations.h"
#include "store/postgres/migrator.h"
#include "store/postgres/postgres_store.h"

namespace tallinn::store::testing {
namespace {

using postgres::Connection;
using postgres::Query;
using postgres::Rows;

constexpr int kManyNeeds = 20'000;

// The version of every embedded migration: what migrate() records once.
std::vector<int> all_versions() {
  std::vector<int> versions;
  for (const postgres::Migration& migration : postgres::migrations()) {
    versions.push_back(migration.version);
  }
  return versions;
}

std::unique_ptr<Connection> connect(const std::string& url) {
  Result<std::unique_ptr<Connection>> opened = Connection::open(url, 30000, nullptr);
  EXPECT_TRUE(opened.is_ok()) << opened.status().to_string();
  return opened.is_ok() ? std::move(opened).value() : nullptr;
}

// The largest number that follows `key` in `json`, or 0.
int64_t largest(const std::string& json, const std::string& key) {
  int64_t most = 0;
  for (size_t at = json.find(key); at != std::string::npos; at = json.find(key, at + 1)) {
    most = std::max<int64_t>(most, std::atoll(json.c_str() + at + key.size()));
  }
  return most;
}

class PostgresTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    connection_ = connect(url());
    ASSERT_NE(connection_, nullptr);
  }

  // The JSON plan of `query`, run, with the rows each step produced.
  std::string plan(const Query& query) {
    Query explain{"EXPLAIN (ANALYZE, FORMAT JSON) " + query.sql, query.params};
    Result<Rows> rows = connection_->exec(explain);
    EXPECT_TRUE(rows.is_ok()) << rows.status().to_string();
    return rows.is_ok() && rows->size() == 1 ? (*rows)[0].text(0) : "";
  }

  std::unique_ptr<Connection> connection_;
};

// Many needs of every marking, owner and creator, a third of them granted to
// one of 200 organisations, inserted by SQL for speed: the list query must
// still read one page through the indexes, never a whole table.
TEST_P(PostgresTest, PagesAreReadThroughIndexesFirstAndDeep) {
  auto tx = write();
  for (int n = 0; n < 8; ++n) ASSERT_OK(tx->insert_organisation(make_organisation(n)));
  ASSERT_OK(tx->commit());
  ASSERT_OK(connection_->exec_script(
      "INSERT INTO needs (id, org, title, description, sector, region, category, amount_cents, "
      "priority, divisible, tlp, status, creator, version, created_at, updated_at) "
      "SELECT lpad(to_hex(3000000 + n), 32, '0'), lpad(to_hex(1000000 + n % 8), 32, '0'), "
      "'title ' || n, 'description ' || n, 'energy', 'UA-30', 'software', 100, 3, true, "
      "(ARRAY['CLEAR','GREEN','AMBER','AMBER+STRICT','RED'])[1 + n % 5], "
      "CASE WHEN n % 4 = 0 THEN 'published' ELSE 'draft' END, "
      "lpad(to_hex(2000000 + n % 50), 32, '0'), 1, 1700000000000 + n / 2, 1700000000000 "
      "FROM generate_series(1, " +
      std::to_string(kManyNeeds) +
      ") AS n;"
      "INSERT INTO need_grants (record, kind, position, grantee, record_created_at) "
      "SELECT id, 'org', 0, lpad(to_hex(1000000 + created_at % 200), 32, '0'), created_at "
      "FROM needs WHERE created_at % 3 = 0;"
      "ANALYZE"));
  ReadScope scope;  // a beneficiary's reader: public markings, own and granted records
  scope.org = test_id(1'000'003);
  scope.user = test_id(2'000'003);
  scope.by_tlp[0].all = true;
  scope.by_tlp[1].all = true;
  for (int tlp = 2; tlp < kTlpCount; ++tlp) {
    scope.by_tlp[tlp].owner_org = true;
    scope.by_tlp[tlp].granted_org = tlp < 4;
    scope.by_tlp[tlp].named_user = true;
    scope.by_tlp[tlp].creator = true;
  }
  std::vector<postgres::Condition> filters = {postgres::column_equals("status", "published")};
  for (const std::string& cursor :
       {std::string(), encode_time_cursor({1'700'000'000'000 + kManyNeeds / 3, test_id(1)})}) {
    SCOPED_TRACE(cursor.empty() ? "first page" : "deep page");
    for (const auto& page_filters : {std::vector<postgres::Condition>{}, filters}) {
      Result<std::optional<Query>> query = postgres::marked_list_query(
          postgres::kNeedTables, "r.id", scope, page_filters, {50, cursor});
      ASSERT_TRUE(query.is_ok() && query->has_value());
      std::string json = plan(**query);
      EXPECT_NE(json.find("Index"), std::string::npos) << json;
      EXPECT_EQ(json.find("\"Seq Scan\""), std::string::npos) << json;
      // No step reads more than a few pages' worth of rows.
      EXPECT_LE(largest(json, "\"Actual Rows\": "), 600) << json;
      EXPECT_LE(largest(json, "\"Rows Removed by Filter\": "), 600) << json;
    }
  }
}

TEST_P(PostgresTest, AuditRowsAreAppendOnly) {
  auto tx = write();
  ASSERT_OK(tx->append_audit(make_audit_entry(1)));
  ASSERT_OK(tx->commit());
  EXPECT_EQ(connection_->exec_script("UPDATE audit SET outcome = 'forged'").code(),
            ErrorCode::kConflict);
  EXPECT_EQ(connection_->exec_script("DELETE FROM audit").code(), ErrorCode::kConflict);
  EXPECT_EQ(connection_->exec_script("TRUNCATE audit").code(), ErrorCode::kConflict);
  EXPECT_EQ(read()->list_audit({10, ""})->items.size(), 1u);
}

TEST_P(PostgresTest, EachMigrationIsRecordedOnce) {
  std::unique_ptr<Store> other = reopen();
  ASSERT_OK(other->migrate());
  Result<std::vector<int>> applied = postgres::applied_migrations(*connection_);
  ASSERT_TRUE(applied.is_ok());
  EXPECT_EQ(*applied, all_versions());
}

// Nodes starting together all migrate: the advisory lock lets one apply each
// migration and the others find it recorded.
TEST_P(PostgresTest, NodesMigratingAtOnceApplyEachMigrationOnce) {
  PostgresDatabase fresh;
  ASSERT_FALSE(fresh.url().empty());
  std::vector<std::unique_ptr<Store>> nodes;
  for (int n = 0; n < 3; ++n) {
    Result<std::unique_ptr<Store>> opened = open_store(fresh.url());
    ASSERT_TRUE(opened.is_ok());
    nodes.push_back(std::move(opened).value());
  }
  std::vector<Status> results(nodes.size());
  std::vector<std::thread> threads;
  for (size_t n = 0; n < nodes.size(); ++n) {
    threads.emplace_back([&, n] { results[n] = nodes[n]->migrate(); });
  }
  for (std::thread& thread : threads) thread.join();
  for (const Status& result : results) ASSERT_OK(result);
  std::unique_ptr<Connection> fresh_connection = connect(fresh.url());
  ASSERT_NE(fresh_connection, nullptr);
  Result<std::vector<int>> applied = postgres::applied_migrations(*fresh_connection);
  ASSERT_TRUE(applied.is_ok());
  EXPECT_EQ(*applied, all_versions());
}

TEST_P(PostgresTest, ServiceResumesAfterTheServerDropsItsConnections) {
  ASSERT_OK(write()->commit());
  ASSERT_OK(read()->commit());
  // As a restart or failover would: every session of this database ends.
  std::unique_ptr<Connection> admin = connect(database_->admin_url());
  ASSERT_NE(admin, nullptr);
  ASSERT_OK(admin
                ->exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                       "WHERE datname = $1",
                       {url().substr(url().rfind('/') + 1)})
                .status());
  ASSERT_OK(store_->ping());
  auto tx = write();
  ASSERT_NE(tx, nullptr);
  ASSERT_OK(tx->insert_organisation(make_organisation(1)));
  ASSERT_OK(tx->commit());
  EXPECT_EQ(*read()->count_organisations(), 1);
}

// A writer waits for the one before it no longer than the lock timeout.
TEST_P(PostgresTest, AWriterBlockedPastTheLockTimeoutIsUnavailable) {
  postgres::PostgresOptions options;
  options.pool.lock_timeout_ms = 200;
  Result<std::unique_ptr<Store>> impatient = postgres::open_postgres_store(url(), options);
  ASSERT_TRUE(impatient.is_ok());
  auto holder = write();
  Result<std::unique_ptr<Transaction>> blocked = (*impatient)->begin(TransactionMode::kWrite);
  EXPECT_EQ(blocked.status().code(), ErrorCode::kUnavailable);
  ASSERT_OK((*impatient)->begin(TransactionMode::kRead).status());
  ASSERT_OK(holder->commit());
  Result<std::unique_ptr<Transaction>> free = (*impatient)->begin(TransactionMode::kWrite);
  ASSERT_TRUE(free.is_ok());
  ASSERT_OK((*free)->commit());
}

// The pool lends at most max_connections at once; a borrower waits, then is
// told the database is busy.
TEST_P(PostgresTest, ThePoolIsBounded) {
  postgres::PostgresOptions options;
  options.pool.max_connections = 2;
  options.pool.wait_ms = 100;
  Result<std::unique_ptr<Store>> small = postgres::open_postgres_store(url(), options);
  ASSERT_TRUE(small.is_ok());
  Result<std::unique_ptr<Transaction>> first = (*small)->begin(TransactionMode::kRead);
  Result<std::unique_ptr<Transaction>> second = (*small)->begin(TransactionMode::kRead);
  ASSERT_TRUE(first.is_ok() && second.is_ok());
  EXPECT_EQ((*small)->begin(TransactionMode::kRead).status().code(), ErrorCode::kUnavailable);
  ASSERT_OK((*first)->commit());
  ASSERT_OK((*small)->begin(TransactionMode::kWrite).status());
}

TEST_P(PostgresTest, OpenStoreAcceptsBothSchemesAndReportsAnAbsentServer) {
  std::string rest = url().substr(url().find("://"));
  ASSERT_TRUE(open_store("postgres" + rest).is_ok());
  Result<std::unique_ptr<Store>> absent =
      open_store("postgresql://tallinn@127.0.0.1:1/none?connect_timeout=2");
  EXPECT_EQ(absent.status().code(), ErrorCode::kUnavailable);
  EXPECT_EQ(absent.status().message().find("127.0.0.1"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, PostgresTest, ::testing::Values("postgres"), backend_name);

}  // namespace
}  // namespace tallinn::store::testing
