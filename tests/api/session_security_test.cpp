// Issue 8, authentication and secrets, through real HTTP against a real
// server and database: the second factor (TOTP, recovery codes), enrolment,
// session timeouts, rate limits on codes, the domain of peers, and no secret
// in audit entries, error bodies or the database file.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "api/test_platform.h"
#include "auth/breached_passwords.h"
#include "auth/totp.h"
#include "service/session_service.h"

namespace tallinn::testing {
namespace {

using nlohmann::json;

constexpr int64_t kStepMs = auth::kTotpStepSeconds * 1000;

// On both backends: the second factor's single-use step and the recovery
// codes are store state.
class SessionSecurity : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (!TestPlatform::backend_available(GetParam())) GTEST_SKIP() << "no PostgreSQL test cluster";
    platform_ = std::make_unique<TestPlatform>(GetParam());
  }
  HttpResult sign_in(json body, HeaderList headers = {}) {
    HttpResult result = request(platform().port(), "POST", "/api/v1/session", body.dump(), headers);
    responses_.push_back(result.body);
    return result;
  }
  static json credentials(const std::string& party) {
    return {{"email", party + "@fixture.example"}, {"password", TestPlatform::kPassword}};
  }
  static std::string field_of(const HttpResult& result) {
    return json::parse(result.body)["error"].value("field", "");
  }
  // A new account of `party`'s organisation, made by the admin.
  std::string add_user(const std::string& party, const std::string& email) {
    json body = {{"org", platform().org(party)}, {"email", email}, {"password", kNewPassword}};
    HttpResult created = platform().call("admin", "POST", "/api/v1/users", body.dump());
    EXPECT_EQ(created.status, 201) << created.body;
    return email;
  }

  static constexpr const char* kNewPassword = "amber harbour lights";
  TestPlatform& platform() { return *platform_; }
  bool on_sqlite() const { return GetParam() == "sqlite"; }
  std::string sqlite_path() const {
    return platform_->database_url().substr(std::string_view("sqlite://").size());
  }

  std::unique_ptr<TestPlatform> platform_;
  std::vector<std::string> responses_;
};

TEST_P(SessionSecurity, RequiredRolesNeedTheirCodeAndEachCodeWorksOnce) {
  for (const char* party : {"donor", "front_office", "back_office", "admin"}) {
    HttpResult without = sign_in(credentials(party));
    EXPECT_EQ(without.status, 401) << party;
    EXPECT_EQ(field_of(without), "totp") << party;
    EXPECT_TRUE(without.header("Set-Cookie") == std::nullopt) << party;
    EXPECT_EQ(json::parse(without.body).count("token"), 0u) << party;
  }
  // The fixtures used the current step's code; the next step's is fresh.
  platform().clock().advance(kStepMs);
  json body = credentials("donor");
  body["totp"] = platform().totp_code("donor");
  HttpResult first = sign_in(body);
  ASSERT_EQ(first.status, 200) << first.body;
  HttpResult replay = sign_in(body);
  EXPECT_EQ(replay.status, 401);
  EXPECT_EQ(field_of(replay), "totp");
  // The wrong code is refused and no session results.
  body["totp"] = platform().totp_code("donor") == "000000" ? "000001" : "000000";
  EXPECT_EQ(sign_in(body).status, 401);
  // Roles outside the list sign in with the password alone.
  EXPECT_EQ(sign_in(credentials("beneficiary")).status, 200);
  EXPECT_EQ(sign_in(credentials("observer")).status, 200);
}

TEST_P(SessionSecurity, EverySignInIsANewToken) {
  HttpResult one = sign_in(credentials("beneficiary"));
  HttpResult two = sign_in(credentials("beneficiary"));
  ASSERT_EQ(one.status, 200);
  ASSERT_EQ(two.status, 200);
  std::string first = json::parse(one.body)["token"];
  EXPECT_NE(first, json::parse(two.body)["token"]);
  // Signing in again while holding a session ends that session.
  HttpResult three = sign_in(credentials("beneficiary"), {{"Authorization", "Bearer " + first}});
  ASSERT_EQ(three.status, 200);
  EXPECT_EQ(request(platform().port(), "GET", "/api/v1/session", {},
                    {{"Authorization", "Bearer " + first}})
                .status,
            401);
}

TEST_P(SessionSecurity, EnrolmentRecoveryCodesAndReenrolment) {
  std::string email = add_user("donor2", "second-donor@fixture.example");
  json body = {{"email", email}, {"password", kNewPassword}};
  HttpResult before = sign_in(body);
  EXPECT_EQ(before.status, 401);
  EXPECT_EQ(field_of(before), "totp");
  EXPECT_NE(before.body.find("enrol"), std::string::npos);

  json wrong = {{"email", email}, {"password", "not the password at all"}};
  HttpResult refused = request(platform().port(), "POST", "/api/v1/session/totp", wrong.dump());
  EXPECT_EQ(refused.status, 401);

  HttpResult enrolled = request(platform().port(), "POST", "/api/v1/session/totp", body.dump());
  ASSERT_EQ(enrolled.status, 201) << enrolled.body;
  responses_.push_back(enrolled.body);
  std::string secret = json::parse(enrolled.body)["secret"];
  std::string uri = json::parse(enrolled.body)["uri"];
  EXPECT_EQ(uri.rfind("otpauth://totp/", 0), 0u);
  EXPECT_NE(uri.find("secret=" + secret), std::string::npos);
  auto raw = auth::base32_decode(secret);
  ASSERT_TRUE(raw);
  EXPECT_EQ(raw->size(), auth::kTotpSecretBytes);

  body["totp"] = auth::totp_code(*raw, auth::totp_step(platform().clock().now_ms()));
  HttpResult confirmed = sign_in(body);
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  std::vector<std::string> codes = json::parse(confirmed.body)["recovery_codes"];
  ASSERT_EQ(codes.size(), 10u);

  // Enrolled: a second enrolment is refused; the password alone is not enough.
  json again = {{"email", email}, {"password", kNewPassword}};
  EXPECT_EQ(request(platform().port(), "POST", "/api/v1/session/totp", again.dump()).status, 409);
  EXPECT_EQ(sign_in(again).status, 401);

  // A recovery code works once, typed in any case.
  json recovery = {{"email", email}, {"password", kNewPassword}, {"recovery_code", codes[3]}};
  HttpResult recovered = sign_in(recovery);
  EXPECT_EQ(recovered.status, 200) << recovered.body;
  EXPECT_EQ(json::parse(recovered.body).count("recovery_codes"), 0u);
  EXPECT_EQ(sign_in(recovery).status, 401);
  std::string upper = codes[4];
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  recovery["recovery_code"] = upper;
  EXPECT_EQ(sign_in(recovery).status, 200);
  recovery["recovery_code"] = "aaaaaa-aaaaaa-aaaaaa-aaaaaa";
  EXPECT_EQ(sign_in(recovery).status, 401);

  // Only hashes are stored: neither the codes nor the tokens are in the file.
  // (The service hashes before the store on either backend; the SQLite file
  // is the one a test can read whole.)
  if (!on_sqlite()) return;
  std::ifstream file(sqlite_path(), std::ios::binary);
  std::stringstream bytes;
  bytes << file.rdbuf();
  for (const std::string& code : codes) {
    EXPECT_EQ(bytes.str().find(code), std::string::npos) << code;
  }
}

TEST_P(SessionSecurity, IdleAndAbsoluteTimeouts) {
  HttpResult signed_in = sign_in(credentials("beneficiary"));
  ASSERT_EQ(signed_in.status, 200);
  HeaderList bearer = {
      {"Authorization", "Bearer " + json::parse(signed_in.body)["token"].get<std::string>()}};
  auto who_am_i = [&] {
    return request(platform().port(), "GET", "/api/v1/session", {}, bearer).status;
  };

  // Busy: a request every 20 minutes keeps the session up to 12 hours...
  int64_t elapsed = 0;
  const int64_t twenty_minutes = 20 * 60 * 1000;
  while (elapsed + twenty_minutes < service::SessionService::kSessionLifetimeMs) {
    platform().clock().advance(twenty_minutes);
    elapsed += twenty_minutes;
    ASSERT_EQ(who_am_i(), 200) << elapsed;
  }
  // ...and not a moment after.
  platform().clock().advance(service::SessionService::kSessionLifetimeMs - elapsed);
  EXPECT_EQ(who_am_i(), 401);

  // Idle: 30 minutes without a request ends it.
  HttpResult fresh = sign_in(credentials("beneficiary"));
  bearer = {{"Authorization", "Bearer " + json::parse(fresh.body)["token"].get<std::string>()}};
  platform().clock().advance(service::SessionService::kIdleTimeoutMs - 60'000);
  EXPECT_EQ(who_am_i(), 200);
  platform().clock().advance(service::SessionService::kIdleTimeoutMs);
  EXPECT_EQ(who_am_i(), 401);
}

TEST_P(SessionSecurity, GuessingCodesIsRateLimited) {
  json body = credentials("back_office");
  int limited_at = 0;
  for (int attempt = 1; attempt <= 12 && !limited_at; ++attempt) {
    body["totp"] = "12345" + std::to_string(attempt % 10);
    if (body["totp"] == platform().totp_code("back_office")) body["totp"] = "999999";
    HttpResult guess = sign_in(body);
    if (guess.status == 429) {
      limited_at = attempt;
      EXPECT_TRUE(guess.header("Retry-After")) << guess.body;
    } else {
      EXPECT_EQ(guess.status, 401);
    }
  }
  EXPECT_EQ(limited_at, service::SessionService::kFailuresPerAccountAndClient + 1);
  // The right code waits too, and the owner's existing session still works.
  platform().clock().advance(kStepMs);
  body["totp"] = platform().totp_code("back_office");
  EXPECT_EQ(sign_in(body).status, 429);
  EXPECT_EQ(platform().call("back_office", "GET", "/api/v1/session").status, 200);
}

TEST_P(SessionSecurity, PeersOfAnotherDomainAreRefused) {
  HttpResult military =
      platform().call("beneficiary", "GET", "/api/v1/needs", {}, {{"Tallinn-Domain", "military"}});
  EXPECT_EQ(military.status, 403);
  EXPECT_EQ(field_of(military), "Tallinn-Domain");
  EXPECT_EQ(sign_in(credentials("beneficiary"), {{"Tallinn-Domain", "military"}}).status, 403);
  EXPECT_EQ(platform()
                .call("beneficiary", "GET", "/api/v1/needs", {}, {{"Tallinn-Domain", "civil"}})
                .status,
            200);
}

// After sign-ins, enrolment, failures and a password change: no password,
// token, TOTP secret or code appears in any audit row or in any error body.
TEST_P(SessionSecurity, NoSecretInAuditEntriesOrErrorBodies) {
  std::vector<std::string> secrets = {TestPlatform::kPassword, kNewPassword};
  std::string email = add_user("donor2", "third-donor@fixture.example");
  json body = {{"email", email}, {"password", kNewPassword}};
  HttpResult enrolled = request(platform().port(), "POST", "/api/v1/session/totp", body.dump());
  ASSERT_EQ(enrolled.status, 201);
  std::string secret = json::parse(enrolled.body)["secret"];
  secrets.push_back(secret);
  body["totp"] =
      auth::totp_code(*auth::base32_decode(secret), auth::totp_step(platform().clock().now_ms()));
  // (The six-digit code itself is left out: six digits occur by chance in
  // hashes and times.)
  HttpResult confirmed = sign_in(body);
  ASSERT_EQ(confirmed.status, 200);
  // Parsed into a named value: a range-for over a member of a temporary
  // would iterate freed memory (found by ASan).
  json confirmation = json::parse(confirmed.body);
  secrets.push_back(confirmation["token"]);
  for (const auto& code : confirmation["recovery_codes"]) secrets.push_back(code);
  for (const char* party : {"beneficiary", "donor", "admin"})
    secrets.push_back(platform().token(party));
  secrets.push_back(platform().totp_secret("donor"));
  sign_in(body);  // replayed code
  json wrong = {{"email", email}, {"password", std::string(kNewPassword) + "!"}};
  sign_in(wrong);
  json change = {{"current_password", TestPlatform::kPassword}, {"new_password", "weak"}};
  responses_.push_back(
      platform().call("beneficiary", "POST", "/api/v1/session/password", change.dump()).body);
  change["new_password"] = "a fresh and long passphrase";
  secrets.push_back(change["new_password"]);
  platform().call("beneficiary", "POST", "/api/v1/session/password", change.dump());

  std::string error_bodies;
  for (const std::string& response : responses_) {
    if (response.find("\"error\"") != std::string::npos) error_bodies += response;
  }
  std::string audit_rows;
  // Every column of every entry, read through the store on either backend.
  int audited = 0;
  auto reading = platform().context().store.begin(store::TransactionMode::kRead);
  ASSERT_TRUE(reading.is_ok());
  ASSERT_TRUE((*reading)
                  ->scan_audit([&](const AuditEntry& entry) {
                    ++audited;
                    for (const std::string* text :
                         {&entry.actor_user, &entry.actor_org, &entry.action, &entry.record_type,
                          &entry.record_id, &entry.outcome, &entry.changed_fields,
                          &entry.state_digest, &entry.previous_hash, &entry.hash}) {
                      audit_rows += *text + "\n";
                    }
                    return Status::ok();
                  })
                  .is_ok());
  EXPECT_GT(audited, 20);
  for (const std::string& secret_text : secrets) {
    ASSERT_FALSE(secret_text.empty());
    EXPECT_EQ(audit_rows.find(secret_text), std::string::npos) << secret_text;
    EXPECT_EQ(error_bodies.find(secret_text), std::string::npos) << secret_text;
  }
}

// With TLS or --secure-cookies (ASVS 5.0 V3.3.1): the session cookie is
// __Host-tallinn_session, Secure, Path=/, no Domain; it is read under that
// name only (a planted tallinn_session is ignored), CSRF protection holds for
// it, and signing out clears it.
TEST(SecureSessionCookie, UsesTheHostPrefixAndIsReadOnlyUnderIt) {
  TestPlatform platform("sqlite", api::ApiOptions{.secure_cookies = true});
  json credentials = {{"email", "beneficiary@fixture.example"},
                      {"password", TestPlatform::kPassword}};
  HttpResult signed_in = request(platform.port(), "POST", "/api/v1/session", credentials.dump());
  ASSERT_EQ(signed_in.status, 200) << signed_in.body;
  std::string token = json::parse(signed_in.body)["token"];
  std::string set_cookie = signed_in.header("Set-Cookie").value_or("");
  EXPECT_EQ(set_cookie.rfind("__Host-tallinn_session=" + token + ";", 0), 0u) << set_cookie;
  for (const char* attribute : {"; Secure", "; Path=/", "; HttpOnly", "; SameSite=Strict"}) {
    EXPECT_NE(set_cookie.find(attribute), std::string::npos) << attribute << ": " << set_cookie;
  }
  EXPECT_EQ(set_cookie.find("Domain"), std::string::npos) << set_cookie;

  HeaderList hosted = {{"Cookie", "__Host-tallinn_session=" + token}};
  auto call = [&](std::string_view method, std::string_view target, HeaderList headers,
                  std::string_view body = {}) {
    return request(platform.port(), method, target, body, headers);
  };
  EXPECT_EQ(call("GET", "/api/v1/session", hosted).status, 200);
  EXPECT_EQ(call("GET", "/api/v1/session", {{"Cookie", "tallinn_session=" + token}}).status, 401);

  json need = {{"title", "Firewall for the water utility"},
               {"sector", "drinking-water"},
               {"region", "UA-63"},
               {"category", "equipment"},
               {"amount", 1000},
               {"priority", 3}};
  EXPECT_EQ(call("POST", "/api/v1/needs", hosted, need.dump()).status, 403);
  HeaderList from_our_pages = hosted;
  from_our_pages.emplace_back("X-Requested-With", "tallinn");
  EXPECT_EQ(call("POST", "/api/v1/needs", from_our_pages, need.dump()).status, 201);

  EXPECT_EQ(call("DELETE", "/api/v1/session", hosted).status, 403);
  HttpResult signed_out = call("DELETE", "/api/v1/session", from_our_pages);
  EXPECT_EQ(signed_out.status, 204);
  std::string cleared = signed_out.header("Set-Cookie").value_or("");
  EXPECT_EQ(cleared.rfind("__Host-tallinn_session=;", 0), 0u) << cleared;
  EXPECT_NE(cleared.find("; Max-Age=0"), std::string::npos) << cleared;
  EXPECT_EQ(call("GET", "/api/v1/session", hosted).status, 401);
}

INSTANTIATE_TEST_SUITE_P(Backends, SessionSecurity, ::testing::Values("sqlite", "postgres"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

}  // namespace
}  // namespace tallinn::testing

namespace tallinn::testing {
namespace {

// ASVS 5.0 V6.2.12 with `serve --breached-passwords FILE`: a new password
// whose SHA-1 is in the Pwned Passwords file is refused naming the field,
// on a password change and on an account the admin creates; others pass.
TEST(BreachedPasswords, ANewPasswordFromTheFileIsRefusedNamingTheField) {
  TestPlatform platform;
  // SHA-1 of "password" and of "correct horse battery staple", sorted, as
  // the Pwned Passwords file lists them.
  std::filesystem::path file =
      std::filesystem::temp_directory_path() / ("pwned-" + std::to_string(::getpid()) + ".txt");
  {
    std::ofstream out(file);
    out << "5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8:10434004\n";
    out << "ABF7AAD6438836DBE526AA231ABDE2D0EEF74D42:3645\n";
  }
  auto breached = auth::BreachedPasswords::open(file.string());
  ASSERT_TRUE(breached.is_ok()) << breached.status().to_string();
  platform.context().breached_passwords = breached->get();

  json change = {{"current_password", TestPlatform::kPassword},
                 {"new_password", "correct horse battery staple"}};
  HttpResult refused =
      platform.call("beneficiary", "POST", "/api/v1/session/password", change.dump());
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(json::parse(refused.body)["error"]["field"], "new_password") << refused.body;

  change["new_password"] = "a quieter harbour lamp at dusk";
  HttpResult changed =
      platform.call("beneficiary", "POST", "/api/v1/session/password", change.dump());
  EXPECT_LT(changed.status, 300) << changed.body;
  std::filesystem::remove(file);
}

}  // namespace
}  // namespace tallinn::testing
