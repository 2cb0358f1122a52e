// A whole tallinn server in-process for tests: a fresh database (SQLite in a
// temporary folder, or PostgreSQL: a database of its own on the test
// cluster), the real API on a real HTTP server on an ephemeral port,
// and a fixture world with one organisation and one signed-in user per
// part in access.md (two beneficiaries and two donors, for "other").
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "api/api.h"
#include "core/random.h"
#include "http/server.h"
#include "service/context.h"
#include "store/conformance/test_database.h"
#include "store/store.h"
#include "support/http_client.h"

namespace tallinn::testing {

// The system's time plus an offset a test can move forward, so timeouts and
// TOTP steps are tested against the real server without waiting.
class ShiftedClock final : public Clock {
 public:
  int64_t now_ms() override { return system_.now_ms() + offset_ms_.load(); }
  void advance(int64_t ms) { offset_ms_ += ms; }

 private:
  SystemClock system_;
  std::atomic<int64_t> offset_ms_{0};
};

// The fixture parties: name -> organisation kind.
//   beneficiary, beneficiary2, front_office, back_office, ua_authority,
//   donor, donor2, observer, implementer, admin
class TestPlatform {
 public:
  static constexpr const char* kPassword = "fixture-password-2026";

  // `backend` is "sqlite" or "postgres"; the latter needs the test cluster
  // (backend_available()). `options` as `serve` would pass them (secure
  // cookies as with --tls-cert or --secure-cookies).
  explicit TestPlatform(const std::string& backend = "sqlite", api::ApiOptions options = {});
  ~TestPlatform();

  // False for "postgres" when no test cluster runs (the test then skips).
  static bool backend_available(const std::string& backend);

  uint16_t port() const { return port_; }
  // The database's URL, for a second Store or a CLI command on it.
  const std::string& database_url() const { return database_url_; }
  service::Context& context() { return *context_; }

  // Ids and tokens of the fixture parties, by name.
  const std::string& org(const std::string& name) const { return orgs_.at(name); }
  const std::string& user(const std::string& name) const { return users_.at(name); }
  const std::string& token(const std::string& name) const { return tokens_.at(name); }
  // The authenticator secret (base32) of a party that had to enrol one
  // (the offices, donors, admin); empty for the others.
  std::string totp_secret(const std::string& name) const;
  // The current code of that party's authenticator.
  std::string totp_code(const std::string& name);
  ShiftedClock& clock() { return clock_; }
  const std::map<std::string, std::string>& orgs() const { return orgs_; }
  const std::map<std::string, std::string>& users() const { return users_; }

  // A request as fixture party `as` ("anonymous" sends no token).
  HttpResult call(const std::string& as, std::string_view method, std::string_view target,
                  std::string_view body = {}, HeaderList headers = {});

 private:
  void add_fixture_parties();

  std::filesystem::path directory_;
  std::unique_ptr<store::testing::PostgresDatabase> postgres_;
  std::string database_url_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Random> random_;
  ShiftedClock clock_;
  std::unique_ptr<service::Context> context_;
  std::unique_ptr<api::Api> api_;
  std::unique_ptr<http::Server> server_;
  uint16_t port_ = 0;
  std::map<std::string, std::string> orgs_;
  std::map<std::string, std::string> users_;
  std::map<std::string, std::string> tokens_;
  std::map<std::string, std::string> totp_secrets_;
};

}  // namespace tallinn::testing
