// The HTTP request path without a network: raw bytes are read as a
// connection's session reads them (http::read_request: Beast's parser, the
// framing checks, the target, cookies) and a whole request is dispatched
// through the real router and handlers to the services over a SQLite store
// in a temporary folder. A handler that throws or answers 500 is a finding
// (the server would log it as a bug); so is any sanitizer report.
//
// "@TOKEN@" in the input is replaced by a signed-in beneficiary's bearer
// token, so the seeds reach the handlers behind authentication.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>

#include "api/api.h"
#include "auth/sodium_random.h"
#include "http/router.h"
#include "http/server.h"
#include "service/context.h"
#include "service/directory_service.h"
#include "store/store.h"

namespace {

using namespace tallinn;

constexpr std::string_view kTokenMark = "@TOKEN@";

[[noreturn]] void fail(const std::string& why) {
  std::fprintf(stderr, "http_request_fuzzer: %s\n", why.c_str());
  std::abort();
}

// One platform for the whole run: building it (migrations, argon2id) takes
// far longer than an input.
class Platform {
 public:
  Platform() {
    // In memory where there is /dev/shm: every write commits with a sync.
    std::filesystem::path base = std::filesystem::is_directory("/dev/shm")
                                     ? std::filesystem::path("/dev/shm")
                                     : std::filesystem::temp_directory_path();
    std::string pattern = (base / "tallinn-fuzz-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) fail("mkdtemp failed");
    directory_ = pattern;
    if (!auth::init_sodium().is_ok()) fail("libsodium did not start");
    auto store = store::open_store("sqlite://" + (directory_ / "fuzz.db").string());
    if (!store.is_ok()) fail(store.status().to_string());
    store_ = std::move(store).value();
    if (Status migrated = store_->migrate(); !migrated.is_ok()) fail(migrated.to_string());
    context_ = std::make_unique<service::Context>(service::Context{*store_, clock_, random_});
    api_ = std::make_unique<api::Api>(*context_, api::ApiOptions{});
    api_->install(router_);
    sign_in();
  }
  ~Platform() {
    api_.reset();
    store_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(directory_, ignored);
  }

  void serve(std::string wire) {
    for (size_t at = wire.find(kTokenMark); at != std::string::npos; at = wire.find(kTokenMark)) {
      wire.replace(at, kTokenMark.size(), token_);
    }
    http::WireRead read = http::read_request(wire, options_, "192.0.2.7");
    if (!read.request) return;
    http::Router::Outcome outcome = router_.dispatch(*read.request);  // a throw aborts the run
    if (outcome.response.status == 500) {
      fail("500 for " + read.request->method + " " + outcome.pattern + ": " +
           outcome.response.body);
    }
  }

 private:
  void sign_in() {
    service::DirectoryService directory(*context_);
    auto operator_actor = service::DirectoryService::command_line_operator();
    auto organisation =
        directory.create_organisation(operator_actor, {"Fuzz beneficiary", Role::kBeneficiary, ""});
    if (!organisation.is_ok()) fail(organisation.status().to_string());
    const std::string email = "fuzz@example.org", password = "long-enough-seed-phrase-2026";
    auto user = directory.create_user(operator_actor, {organisation->id, email, password});
    if (!user.is_ok()) fail(user.status().to_string());
    std::string body = nlohmann::json{{"email", email}, {"password", password}}.dump();
    http::WireRead read = http::read_request(
        "POST /api/v1/session HTTP/1.1\r\nHost: fuzz\r\nContent-Type: application/json\r\n"
        "Content-Length: " +
            std::to_string(body.size()) + "\r\n\r\n" + body,
        options_, "192.0.2.7");
    if (!read.request) fail("the sign-in request did not parse");
    auto outcome = router_.dispatch(*read.request);
    if (outcome.response.status != 200) fail("sign-in failed: " + outcome.response.body);
    token_ = nlohmann::json::parse(outcome.response.body).at("token").get<std::string>();
  }

  std::filesystem::path directory_;
  http::ServerOptions options_;
  SystemClock clock_;
  auth::SodiumRandom random_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<service::Context> context_;
  std::unique_ptr<api::Api> api_;
  http::Router router_;
  std::string token_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Platform platform;
  platform.serve(std::string(reinterpret_cast<const char*>(data), size));
  return 0;
}
