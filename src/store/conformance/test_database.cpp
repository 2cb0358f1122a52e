#include "store/conformance/test_database.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "store/postgres/connection.h"

namespace tallinn::store::testing {

namespace {

std::unique_ptr<postgres::Connection> admin_connection(const std::string& url) {
  static const postgres::LogSink log = [](std::string_view detail) { std::cerr << detail << "\n"; };
  Result<std::unique_ptr<postgres::Connection>> opened =
      postgres::Connection::open(url, 30000, &log);
  EXPECT_TRUE(opened.is_ok()) << opened.status().to_string();
  return opened.is_ok() ? std::move(opened).value() : nullptr;
}

}  // namespace

std::string test_cluster_url() {
  if (const char* url = std::getenv("TALLINN_TEST_PG_URL"); url != nullptr && *url != '\0') {
    return url;
  }
#ifdef TALLINN_TEST_PG_URL_FILE
  std::ifstream file(TALLINN_TEST_PG_URL_FILE);
  std::string url;
  if (file >> url) return url;
#endif
  return "";
}

PostgresDatabase::PostgresDatabase() : admin_url_(test_cluster_url()) {
  if (admin_url_.empty()) return;
  static std::atomic<int> counter{0};
  name_ = "test_" + std::to_string(getpid()) + "_" + std::to_string(counter++);
  std::unique_ptr<postgres::Connection> admin = admin_connection(admin_url_);
  if (admin == nullptr) return;
  // The name is made here from digits, never from input.
  Status created = admin->exec_script("CREATE DATABASE " + name_);
  EXPECT_TRUE(created.is_ok()) << created.to_string();
  if (created.is_ok()) url_ = admin_url_.substr(0, admin_url_.rfind('/') + 1) + name_;
}

PostgresDatabase::~PostgresDatabase() {
  if (url_.empty()) return;
  if (std::unique_ptr<postgres::Connection> admin = admin_connection(admin_url_)) {
    admin->exec_script("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  }
}

}  // namespace tallinn::store::testing
