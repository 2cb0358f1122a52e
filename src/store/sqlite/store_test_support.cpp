#include "store/sqlite/store_test_support.h"

#include <iostream>

namespace tallinn::store::sqlite::testing {

SqliteOptions logging_options() {
  SqliteOptions options;
  options.hooks.log = [](std::string_view detail) { std::cerr << detail << "\n"; };
  return options;
}

void SqliteStoreTest::SetUp() {
  store_ = reopen(logging_options());
  ASSERT_NE(store_, nullptr);
  ASSERT_OK(store_->migrate());
}

std::unique_ptr<Store> SqliteStoreTest::reopen(SqliteOptions options) {
  Result<std::unique_ptr<Store>> opened = open_sqlite_store(db_path(), std::move(options));
  EXPECT_TRUE(opened.is_ok()) << opened.status().to_string();
  return opened.is_ok() ? std::move(opened).value() : nullptr;
}

}  // namespace tallinn::store::sqlite::testing
