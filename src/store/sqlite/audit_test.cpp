// The SQLite audit triggers refuse updates and deletes from anyone with the
// file (the PostgreSQL ones: postgres/postgres_test.cpp).
#include <sqlite3.h>

#include "store/sqlite/store_test_support.h"

namespace tallinn::store::sqlite::testing {
namespace {

class AuditTriggerTest : public SqliteStoreTest {
 protected:
  void append(int count) { ASSERT_OK(append_audit_entries(*store_, count)); }

  // Runs `sql` on a connection of its own, as a person with the file would.
  int raw_exec(const std::string& sql) {
    sqlite3* db = nullptr;
    sqlite3_open(db_path().c_str(), &db);
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
    sqlite3_close(db);
    return rc;
  }
};

TEST_F(AuditTriggerTest, TriggersRefuseUpdateAndDelete) {
  append(3);
  EXPECT_EQ(raw_exec("UPDATE audit SET outcome = 'forged' WHERE sequence = 2"), SQLITE_CONSTRAINT);
  EXPECT_EQ(raw_exec("DELETE FROM audit WHERE sequence = 3"), SQLITE_CONSTRAINT);
  EXPECT_EQ(raw_exec("DELETE FROM audit"), SQLITE_CONSTRAINT);
  auto tx = read();
  std::vector<AuditEntry> entries;
  ASSERT_OK(tx->scan_audit([&](const AuditEntry& entry) {
    entries.push_back(entry);
    return Status::ok();
  }));
  ASSERT_EQ(entries.size(), 3u);
  for (const AuditEntry& entry : entries) {
    EXPECT_EQ(fields(entry), fields(make_audit_entry(entry.sequence)));
  }
}

}  // namespace
}  // namespace tallinn::store::sqlite::testing
