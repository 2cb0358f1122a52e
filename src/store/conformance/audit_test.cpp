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

// A record's history: only its own entries (same id under another type is a
// different record), newest first across pages, refusals only on request.
TEST_P(AuditTest, ListsTheEntriesAboutOneRecord) {
  {
    auto tx = write();
    for (int64_t sequence = 1; sequence <= 9; ++sequence) {
      AuditEntry entry = make_audit_entry(sequence);
      entry.record_id = test_id(sequence % 3 == 0 ? 40 : 41);
      if (sequence == 5) entry.record_type = "offer";  // same id, another record
      if (sequence == 7) entry.outcome = "forbidden";
      ASSERT_OK(tx->append_audit(entry));
    }
    ASSERT_OK(tx->commit());
  }
  auto tx = read();
  auto sequences = [&](const Id& id, bool include_refused) {
    std::vector<int64_t> listed;
    PageRequest page{2, ""};
    do {
      Result<Page<AuditEntry>> result =
          tx->list_audit_for_record("need", id, include_refused, page);
      EXPECT_TRUE(result.is_ok());
      if (!result.is_ok()) break;
      for (const AuditEntry& entry : result->items) {
        EXPECT_EQ(entry.record_id, id);
        EXPECT_EQ(entry.action, "need.create");
        listed.push_back(entry.sequence);
      }
      page.cursor = result->next;
    } while (!page.cursor.empty());
    return listed;
  };
  EXPECT_EQ(sequences(test_id(41), true), (std::vector<int64_t>{8, 7, 4, 2, 1}));
  EXPECT_EQ(sequences(test_id(41), false), (std::vector<int64_t>{8, 4, 2, 1}));
  EXPECT_EQ(sequences(test_id(40), false), (std::vector<int64_t>{9, 6, 3}));
  EXPECT_TRUE(sequences(test_id(42), true).empty());
  Result<Page<AuditEntry>> offer = tx->list_audit_for_record("offer", test_id(41), false, {10, ""});
  ASSERT_OK(offer.status());
  ASSERT_EQ(offer->items.size(), 1u);
  EXPECT_EQ(offer->items[0].sequence, 5);
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
