#include "api/test_platform.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "auth/sodium_random.h"
#include "auth/totp.h"
#include "service/directory_service.h"
#include "service/session_service.h"

namespace tallinn::testing {
namespace {

const std::pair<const char*, Role> kParties[] = {
    {"beneficiary", Role::kBeneficiary},
    {"beneficiary2", Role::kBeneficiary},
    {"front_office", Role::kFrontOffice},
    {"back_office", Role::kBackOffice},
    {"ua_authority", Role::kUaAuthority},
    {"donor", Role::kDonor},
    {"donor2", Role::kDonor},
    {"observer", Role::kObserver},
    {"implementer", Role::kImplementer},
    {"admin", Role::kAdmin},
};

template <typename T>
T must(Result<T> result, const char* what) {
  if (!result.is_ok()) {
    throw std::runtime_error(std::string(what) + ": " + result.status().to_string());
  }
  return std::move(result).value();
}

std::filesystem::path fresh_directory() {
  std::string pattern = (std::filesystem::temp_directory_path() / "tallinn-test-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  return pattern;
}

}  // namespace

bool TestPlatform::backend_available(const std::string& backend) {
  return backend != "postgres" || !store::testing::test_cluster_url().empty();
}

TestPlatform::TestPlatform(const std::string& backend, api::ApiOptions options)
    : directory_(fresh_directory()) {
  if (!auth::init_sodium().is_ok()) throw std::runtime_error("libsodium did not start");
  if (backend == "postgres") {
    postgres_ = std::make_unique<store::testing::PostgresDatabase>();
    if (postgres_->url().empty()) throw std::runtime_error("no PostgreSQL test cluster");
    database_url_ = postgres_->url();
  } else {
    database_url_ = "sqlite://" + (directory_ / "tallinn.db").string();
  }
  store_ = must(store::open_store(database_url_), "open store");
  Status migrated = store_->migrate();
  if (!migrated.is_ok()) throw std::runtime_error("migrate: " + migrated.to_string());
  random_ = std::make_unique<auth::SodiumRandom>();
  context_ = std::make_unique<service::Context>(service::Context{*store_, clock_, *random_});
  api_ = std::make_unique<api::Api>(*context_, options);
  auto router = std::make_shared<http::Router>();
  api_->install(*router);
  http::ServerOptions server_options;
  server_options.port = 0;
  server_options.worker_threads = 2;
  server_ = std::make_unique<http::Server>(server_options, router);
  port_ = must(server_->start(), "start server");
  add_fixture_parties();
}

TestPlatform::~TestPlatform() {
  server_.reset();
  api_.reset();
  store_.reset();
  postgres_.reset();
  std::error_code ignored;
  std::filesystem::remove_all(directory_, ignored);
}

void TestPlatform::add_fixture_parties() {
  service::DirectoryService directory(*context_);
  auto operator_actor = service::DirectoryService::command_line_operator();
  for (const auto& [name, kind] : kParties) {
    Organisation organisation = must(
        directory.create_organisation(operator_actor, {std::string("Party ") + name, kind, ""}),
        "fixture organisation");
    std::string email = std::string(name) + "@fixture.example";
    User user = must(directory.create_user(operator_actor, {organisation.id, email, kPassword}),
                     "fixture user");
    orgs_[name] = organisation.id;
    users_[name] = user.id;
    nlohmann::json credentials = {{"email", email}, {"password", kPassword}};
    if (service::needs_second_factor(kind)) {
      // These roles must sign in with a second factor: enrol as a user would.
      HttpResult enrolled = request(port_, "POST", "/api/v1/session/totp", credentials.dump());
      if (enrolled.status != 201)
        throw std::runtime_error("fixture enrolment failed: " + enrolled.body);
      totp_secrets_[name] = nlohmann::json::parse(enrolled.body).at("secret").get<std::string>();
      credentials["totp"] = totp_code(name);
    }
    HttpResult signed_in = request(port_, "POST", "/api/v1/session", credentials.dump());
    if (signed_in.status != 200)
      throw std::runtime_error("fixture sign-in failed: " + signed_in.body);
    tokens_[name] = nlohmann::json::parse(signed_in.body).at("token").get<std::string>();
  }
}

std::string TestPlatform::totp_secret(const std::string& name) const {
  auto found = totp_secrets_.find(name);
  return found == totp_secrets_.end() ? std::string() : found->second;
}

std::string TestPlatform::totp_code(const std::string& name) {
  auto secret = auth::base32_decode(totp_secret(name));
  if (!secret || secret->empty()) throw std::runtime_error(name + " has no authenticator");
  return auth::totp_code(*secret, auth::totp_step(clock_.now_ms()));
}

HttpResult TestPlatform::call(const std::string& as, std::string_view method,
                              std::string_view target, std::string_view body, HeaderList headers) {
  if (as != "anonymous") headers.emplace_back("Authorization", "Bearer " + tokens_.at(as));
  if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
  return request(port_, method, target, body, headers);
}

}  // namespace tallinn::testing
