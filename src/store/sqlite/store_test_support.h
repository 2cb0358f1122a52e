// The fixture of the SQLite-only store tests (VM steps, triggers, pragmas,
// the writer's wait): a database file of its own, opened with options. The
// tests that every backend must pass use conformance/store_test_support.h.
#pragma once

#include <memory>
#include <string>

#include "store/conformance/store_test_support.h"
#include "store/sqlite/sqlite_store.h"

namespace tallinn::store::sqlite::testing {

using namespace ::tallinn::store::testing;  // NOLINT: the shared test helpers

// Options that print failure details to stderr.
SqliteOptions logging_options();

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override;
  // Opens the database file (again: another Store on the same file).
  std::unique_ptr<Store> reopen(SqliteOptions options = logging_options());
  std::unique_ptr<Transaction> write() { return begin_or_fail(*store_, TransactionMode::kWrite); }
  std::unique_ptr<Transaction> read() { return begin_or_fail(*store_, TransactionMode::kRead); }
  std::string db_path() const { return (dir_.path() / "test.db").string(); }

  TempDir dir_;
  std::unique_ptr<Store> store_;
};

}  // namespace tallinn::store::sqlite::testing
