// The audit trail: append, last, list newest first, scan in order; the
// triggers refuse updates, deletes and gaps.
#include <sqlite3.h>

#include "store/sqlite/store_test_support.h"

namespace tallinn::store::sqlite::testing {
namespace {

class AuditTest : public StoreTest {
 protected:
  void append(int count) {
    auto tx = write();
    for (int sequence = 1; sequence <= count; ++sequence) {
      ASSERT_OK(tx->append_audit(make_audit_entry(sequence)));
    }
    ASSERT_OK(tx->commit());
  }

  // Runs `sql` on a connection of its own, as a person with the file would.
  int raw_exec(const std::string& sql) {
    sqlite3* db = nullptr;
    sqlite3_open(db_path().c_str(), &db);
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
    sqlite3_close(db);
    return rc;
  }
};

TEST_F(AuditTest, EmptyTrailHasNoLastEntry) {
  auto tx = read();
  Result<std::optional<AuditEntry>> last = tx->last_audit_entry();
  ASSERT_OK(last.status());
  EXPECT_FALSE(last->has_value());
  Result<Page<AuditEntry>> page = tx->list_audit({10, ""});
  ASSERT_OK(page.status());
  EXPECT_TRUE(page->items.empty());
  EXPECT_TRUE(page->next.empty());
}

TEST_F(AuditTest, AppendsRoundTripAndListNewestFirst) {
  append(7);
  auto tx = read();
  Result<std::optional<AuditEntry>> last = tx->last_audit_entry();
  ASSERT_OK(last.status());
  ASSERT_TRUE(last->has_value());
  EXPECT_EQ(fields(**last), fields(make_audit_entry(7)));

  std::vector<int64_t> listed;
  PageRequest page{3, ""};
  do {
    Result<Page<AuditEntry>> result = tx->list_audit(page);
    ASSERT_OK(result.status());
    for (const AuditEntry& entry : result->items) {
      EXPECT_EQ(fields(entry), fields(make_audit_entry(entry.sequence)));
      listed.push_back(entry.sequence);
    }
    page.cursor = result->next;
  } while (!page.cursor.empty());
  EXPECT_EQ(listed, (std::vector<int64_t>{7, 6, 5, 4, 3, 2, 1}));
}

TEST_F(AuditTest, ScanVisitsInSequenceOrderAndStopsOnError) {
  append(5);
  auto tx = read();
  std::vector<int64_t> scanned;
  ASSERT_OK(tx->scan_audit([&](const AuditEntry& entry) {
    scanned.push_back(entry.sequence);
    return Status::ok();
  }));
  EXPECT_EQ(scanned, (std::vector<int64_t>{1, 2, 3, 4, 5}));
  scanned.clear();
  Status stopped = tx->scan_audit([&](const AuditEntry& entry) {
    scanned.push_back(entry.sequence);
    return entry.sequence == 2 ? conflict("broken chain") : Status::ok();
  });
  EXPECT_EQ(stopped.code(), ErrorCode::kConflict);
  EXPECT_EQ(scanned, (std::vector<int64_t>{1, 2}));
}

TEST_F(AuditTest, SequenceMustFollowTheLastEntry) {
  append(2);
  auto tx = write();
  EXPECT_EQ(tx->append_audit(make_audit_entry(2)).code(), ErrorCode::kConflict);
  EXPECT_EQ(tx->append_audit(make_audit_entry(4)).code(), ErrorCode::kConflict);
  ASSERT_OK(tx->append_audit(make_audit_entry(3)));
}

TEST_F(AuditTest, TriggersRefuseUpdateAndDelete) {
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
