// The audit trail on every backend: append, last, list newest first, scan
// in order; a sequence that does not follow the last is refused.
#include "store/conformance/store_test_support.h"

namespace tallinn::store::testing {
namespace {

class AuditTest : public StoreTest {
 protected:
  void append(int count) { ASSERT_OK(append_audit_entries(*store_, count)); }
};

TEST_P(AuditTest, EmptyTrailHasNoLastEntry) {
  auto tx = read();
  Result<std::optional<AuditEntry>> last = tx->last_audit_entry();
  ASSERT_OK(last.status());
  EXPECT_FALSE(last->has_value());
  Result<Page<AuditEntry>> page = tx->list_audit({10, ""});
  ASSERT_OK(page.status());
  EXPECT_TRUE(page->items.empty());
  EXPECT_TRUE(page->next.empty());
}

TEST_P(AuditTest, AppendsRoundTripAndListNewestFirst) {
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

TEST_P(AuditTest, ScanVisitsInSequenceOrderAndStopsOnError) {
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

TEST_P(AuditTest, SequenceMustFollowTheLastEntry) {
  append(2);
  auto tx = write();
  EXPECT_EQ(tx->append_audit(make_audit_entry(2)).code(), ErrorCode::kConflict);
  EXPECT_EQ(tx->append_audit(make_audit_entry(4)).code(), ErrorCode::kConflict);
  ASSERT_OK(tx->append_audit(make_audit_entry(3)));
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditTest, kAllBackends, backend_name);

}  // namespace
}  // namespace tallinn::store::testing
