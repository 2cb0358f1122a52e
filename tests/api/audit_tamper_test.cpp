// Tamper evidence of the audit trail (issue 8): whoever can write the SQLite
// file directly (the append-only triggers dropped) changes every column of
// every entry, deletes, swaps, inserts, cuts the tail, and rewrites the chain
// with fresh hashes. `audit verify` must fail each time; the last two only
// with a checkpoint kept outside the database.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>
#include <vector>

#include "api/test_platform.h"
#include "audit/chain.h"
#include "service/audit_service.h"

namespace tallinn::testing {
namespace {

const char* const kColumns[] = {"sequence",       "time",         "actor_user",    "actor_org",
                                "action",         "record_type",  "record_id",     "outcome",
                                "changed_fields", "state_digest", "previous_hash", "hash"};

class AuditTamper : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(sqlite3_open(platform_.database_url().substr(std::string_view("sqlite://").size()).c_str(), &db_), SQLITE_OK);
    sqlite3_busy_timeout(db_, 5000);
    exec("DROP TRIGGER IF EXISTS audit_no_update");
    exec("DROP TRIGGER IF EXISTS audit_no_delete");
    exec("DROP TRIGGER IF EXISTS audit_sequence_follows");
    auto report = audit_.verify();
    ASSERT_TRUE(report.is_ok()) << report.status().to_string();
    entries_ = report->entries;
    checkpoint_ = {report->entries, report->head_hash};
    ASSERT_GE(entries_, 10);  // the fixtures' organisations, users and sign-ins
  }
  void TearDown() override { sqlite3_close(db_); }

  void exec(const std::string& sql) {
    char* error = nullptr;
    ASSERT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK)
        << sql << ": " << (error ? error : "");
  }
  bool intact() { return audit_.verify().is_ok(); }
  bool intact_at_checkpoint() { return audit_.verify(checkpoint_).is_ok(); }

  std::vector<AuditEntry> entries() {
    std::vector<AuditEntry> all;
    auto transaction = platform_.context().store.begin(store::TransactionMode::kRead);
    EXPECT_TRUE(transaction.is_ok());
    EXPECT_TRUE((*transaction)
                    ->scan_audit([&](const AuditEntry& entry) {
                      all.push_back(entry);
                      return Status::ok();
                    })
                    .is_ok());
    return all;
  }
  void write_entry(const AuditEntry& entry) {
    sqlite3_stmt* statement = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db_,
                                 "INSERT OR REPLACE INTO audit VALUES "
                                 "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                                 -1, &statement, nullptr),
              SQLITE_OK);
    sqlite3_bind_int64(statement, 1, entry.sequence);
    sqlite3_bind_int64(statement, 2, entry.time);
    const std::string* texts[] = {&entry.actor_user,     &entry.actor_org,    &entry.action,
                                  &entry.record_type,    &entry.record_id,    &entry.outcome,
                                  &entry.changed_fields, &entry.state_digest, &entry.previous_hash,
                                  &entry.hash};
    for (int i = 0; i < 10; ++i) {
      sqlite3_bind_text(statement, i + 3, texts[i]->c_str(), -1, SQLITE_TRANSIENT);
    }
    ASSERT_EQ(sqlite3_step(statement), SQLITE_DONE);
    sqlite3_finalize(statement);
  }

  TestPlatform platform_;
  service::AuditService audit_{platform_.context()};
  sqlite3* db_ = nullptr;
  int64_t entries_ = 0;
  audit::Checkpoint checkpoint_;
};

TEST_F(AuditTamper, EveryColumnOfEveryEntry) {
  int mutations = 0;
  for (int64_t sequence = 1; sequence <= entries_; ++sequence) {
    for (const char* column : kColumns) {
      std::string where = " WHERE sequence = " + std::to_string(sequence);
      std::string name(column);
      // Numbers move by one; text gains a character, or for a hash has its
      // first hex digit changed, so it still looks like a hash.
      std::string changed =
          name == "sequence" || name == "time"
              ? name + " + 1000"
          : name.find("hash") != std::string::npos || name == "state_digest"
              ? "CASE WHEN " + name + " = '' THEN 'a' ELSE (CASE substr(" + name +
                    ", 1, 1) WHEN 'a' THEN 'b' ELSE 'a' END) || substr(" + name + ", 2) END"
              : name + " || 'x'";
      exec("SAVEPOINT tamper");
      exec("CREATE TEMP TABLE original AS SELECT * FROM audit" + where);
      exec("UPDATE audit SET " + name + " = " + changed + where);
      exec("RELEASE tamper");
      EXPECT_FALSE(intact()) << "entry " << sequence << " column " << name;
      EXPECT_FALSE(intact_at_checkpoint()) << "entry " << sequence << " column " << name;
      exec("DELETE FROM audit WHERE sequence IN (" + std::to_string(sequence) + ", " +
           std::to_string(sequence + 1000) + ")");
      exec("INSERT INTO audit SELECT * FROM original");
      exec("DROP TABLE original");
      ASSERT_TRUE(intact()) << "restoring entry " << sequence << " column " << name;
      ++mutations;
    }
  }
  EXPECT_EQ(mutations, entries_ * 12);
}

TEST_F(AuditTamper, DeletedSwappedAndInsertedEntries) {
  std::vector<AuditEntry> all = entries();
  exec("DELETE FROM audit WHERE sequence = 3");
  EXPECT_FALSE(intact());
  write_entry(all[2]);
  ASSERT_TRUE(intact());

  // Swapped: entries 4 and 5 trade places (each keeps its own content).
  AuditEntry fourth = all[3];
  AuditEntry fifth = all[4];
  std::swap(fourth.sequence, fifth.sequence);
  write_entry(fourth);
  write_entry(fifth);
  EXPECT_FALSE(intact());
  write_entry(all[3]);
  write_entry(all[4]);
  ASSERT_TRUE(intact());

  // Inserted: a well-formed entry linked after entry 2 pushes the rest on.
  // (Through negative numbers: the primary key is checked row by row.)
  exec("UPDATE audit SET sequence = -(sequence + 1) WHERE sequence > 2");
  exec("UPDATE audit SET sequence = -sequence WHERE sequence < 0");
  AuditEntry forged = all[1];
  forged.action = "need.create";
  write_entry(audit::link_entry(forged, all[1]));
  EXPECT_FALSE(intact());
  EXPECT_FALSE(intact_at_checkpoint());
}

TEST_F(AuditTamper, TruncatedTailNeedsTheCheckpoint) {
  exec("DELETE FROM audit WHERE sequence > " + std::to_string(entries_ - 3));
  EXPECT_TRUE(intact());  // what is left is a consistent chain...
  EXPECT_FALSE(intact_at_checkpoint());  // ...but it ends before the checkpoint
}

TEST_F(AuditTamper, RewrittenChainNeedsTheCheckpoint) {
  std::vector<AuditEntry> all = entries();
  // Rewrite entry 5 and re-link everything after it with valid hashes.
  all[4].outcome = all[4].outcome == "ok" ? "forbidden" : "ok";
  for (size_t i = 4; i < all.size(); ++i) {
    all[i] = audit::link_entry(all[i], all[i - 1]);
    write_entry(all[i]);
  }
  EXPECT_TRUE(intact());
  EXPECT_FALSE(intact_at_checkpoint());
}

TEST(AuditCheckpointText, RoundTripsAndRefusesAnythingElse) {
  audit::Checkpoint checkpoint{42, std::string(64, 'a')};
  auto parsed = audit::parse_checkpoint(audit::format_checkpoint(checkpoint));
  ASSERT_TRUE(parsed.is_ok());
  EXPECT_EQ(parsed->sequence, 42);
  EXPECT_EQ(parsed->hash, checkpoint.hash);
  for (std::string bad : {std::string(""), std::string(64, 'a'), std::string(64, 'a') + ":",
                          std::string(64, 'A') + ":1", std::string(63, 'a') + ":1",
                          std::string(64, 'a') + ":-1", std::string(64, 'a') + ":1x",
                          std::string(64, 'a') + ":99999999999999999999"}) {
    auto refused = audit::parse_checkpoint(bad);
    EXPECT_FALSE(refused.is_ok()) << bad;
    if (!refused.is_ok()) EXPECT_EQ(refused.status().field(), "checkpoint");
  }
}

}  // namespace
}  // namespace tallinn::testing
