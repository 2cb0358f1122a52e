// Migrations: embedded in order, applied once, recorded; open_store's URLs.
#include "store/sqlite/migrator.h"
#include "store/sqlite/store_test_support.h"

namespace tallinn::store::sqlite::testing {
namespace {

std::vector<int> versions_in(const std::string& path) {
  ConnectionHooks hooks;
  auto connection = Connection::open(path, 1000, true, &hooks);
  EXPECT_TRUE(connection.is_ok());
  Result<std::vector<int>> applied = applied_migrations(**connection);
  EXPECT_TRUE(applied.is_ok());
  return applied.is_ok() ? *applied : std::vector<int>{};
}

// Numbers are handed out to branches ahead of merging (0006 may land before
// 0005), and the runner applies whatever is not yet recorded, in order: so
// the numbers need only rise, starting from 0001.
TEST(MigrationsTest, AreNumberedFromOneAndRise) {
  const std::vector<Migration>& all = migrations();
  ASSERT_FALSE(all.empty());
  EXPECT_EQ(all[0].version, 1);
  for (size_t i = 0; i < all.size(); ++i) {
    if (i > 0) EXPECT_GT(all[i].version, all[i - 1].version);
    EXPECT_NE(std::string(all[i].sql).find("CREATE"), std::string::npos);
  }
  EXPECT_STREQ(all[0].name, "0001_init");
}

class MigrateTest : public SqliteStoreTest {};

TEST_F(MigrateTest, RunningTwiceChangesNothing) {
  std::vector<int> expected;
  for (const Migration& migration : migrations()) expected.push_back(migration.version);
  EXPECT_EQ(versions_in(db_path()), expected);
  {
    auto tx = write();
    ASSERT_OK(tx->insert_organisation(make_organisation(1)));
    ASSERT_OK(tx->commit());
  }
  ASSERT_OK(store_->migrate());
  std::unique_ptr<Store> second = reopen();
  ASSERT_OK(second->migrate());
  EXPECT_EQ(versions_in(db_path()), expected);
  auto tx = read();
  EXPECT_EQ(*tx->count_organisations(), 1);
}

// A migration that fails leaves neither its changes nor its record.
TEST_F(MigrateTest, AFailedMigrationIsRolledBack) {
  std::vector<Migration> all = migrations();
  all.push_back(
      {90, "0090_ok_then_broken", "CREATE TABLE extra (x); INSERT INTO nowhere VALUES (1);"});
  ConnectionHooks hooks;
  auto connection = Connection::open(db_path(), 1000, false, &hooks);
  ASSERT_OK(connection.status());
  EXPECT_FALSE(apply_migrations(**connection, all, 0).is_ok());
  EXPECT_EQ(versions_in(db_path()).back(), migrations().back().version);
  EXPECT_FALSE((*connection)->exec("SELECT * FROM extra").is_ok());
  all.back().sql = "CREATE TABLE extra (x);";
  ASSERT_OK(apply_migrations(**connection, all, 0));
  EXPECT_EQ(versions_in(db_path()).back(), 90);
  ASSERT_OK((*connection)->exec("SELECT * FROM extra"));
}

TEST_F(MigrateTest, DatabaseRunsInWalWithForeignKeys) {
  ConnectionHooks hooks;
  auto connection = Connection::open(db_path(), 1000, true, &hooks);
  ASSERT_OK(connection.status());
  auto journal = (*connection)->prepare("PRAGMA journal_mode");
  ASSERT_OK(journal.status());
  ASSERT_TRUE(*journal->step());
  EXPECT_EQ(journal->column_text(0), "wal");
  auto foreign_keys = (*connection)->prepare("PRAGMA foreign_keys");
  ASSERT_TRUE(*foreign_keys->step());
  EXPECT_EQ(foreign_keys->column_int64(0), 1);
  auto synchronous = (*connection)->prepare("PRAGMA synchronous");
  ASSERT_TRUE(*synchronous->step());
  EXPECT_EQ(synchronous->column_int64(0), 2);  // FULL
  ASSERT_OK(store_->ping());
}

TEST(OpenStoreTest, RefusesOtherSchemes) {
  for (const std::string url :
       {"postgres:/db", "mysql://x", "sqlite://", "postgresql://", "tallinn.db", ""}) {
    Result<std::unique_ptr<Store>> store = open_store(url);
    ASSERT_FALSE(store.is_ok()) << url;
    EXPECT_EQ(store.status().code(), ErrorCode::kInvalid);
    EXPECT_EQ(store.status().field(), "db");
  }
}

TEST(OpenStoreTest, UnreachableFileIsUnavailable) {
  TempDir dir;
  std::string url = "sqlite://" + (dir.path() / "missing" / "folder" / "x.db").string();
  Result<std::unique_ptr<Store>> store = open_store(url);
  ASSERT_FALSE(store.is_ok());
  EXPECT_EQ(store.status().code(), ErrorCode::kUnavailable);
  EXPECT_EQ(store.status().message().find("missing"), std::string::npos);
}

}  // namespace
}  // namespace tallinn::store::sqlite::testing
