#include "service/session_service.h"

#include <algorithm>

#include "auth/breached_passwords.h"
#include "auth/password.h"
#include "auth/password_policy.h"
#include "auth/token.h"
#include "auth/totp.h"
#include "core/ascii.h"
#include "service/audit_log.h"

namespace tallinn::service {
namespace {

constexpr char kIssuer[] = "Tallinn Mechanism";

Status wrong_credentials() {
  return Status(ErrorCode::kUnauthenticated, "email or password is wrong");
}

Status not_signed_in() { return Status(ErrorCode::kUnauthenticated, "sign in first"); }

Status too_many_attempts() {
  return Status(ErrorCode::kRateLimited, "too many failed sign-ins; try again later");
}

Status code_required() {
  return Status(ErrorCode::kUnauthenticated, "a one-time code from your authenticator is required",
                "totp");
}

Status enrolment_required() {
  return Status(ErrorCode::kUnauthenticated,
                "this account must enrol an authenticator first (POST /api/v1/session/totp)",
                "totp");
}

Status wrong_code() {
  return Status(ErrorCode::kUnauthenticated, "the one-time code is wrong or was already used",
                "totp");
}

std::string account_key(const std::string& email, const std::string& client) {
  return ascii_lowercase(email) + '|' + client;
}

// Recovery codes are typed by people: case, dashes and spaces do not count.
std::string recovery_code_hash(const std::string& code) {
  std::string normalised;
  for (char c : code) {
    if (c != '-' && c != ' ') normalised += ascii_lower(c);
  }
  return auth::token_hash(normalised);
}

// 24 base32 characters (120 bits), shown as "abcdef-ghijkl-mnopqr-stuvwx".
// At 112 bits or more ASVS 5.0 (V6.5.2) lets a plain SHA-256 store them.
std::string new_recovery_code(Random& random) {
  std::string code =
      ascii_lowercase(auth::base32_encode(auth::new_totp_secret(random)).substr(0, 24));
  return code.substr(0, 6) + '-' + code.substr(6, 6) + '-' + code.substr(12, 6) + '-' +
         code.substr(18);
}

TotpEnforcement enforcement(store::Transaction& transaction) {
  Result<std::optional<std::string>> setting = transaction.setting(kTotpEnforcementSetting);
  bool relaxed = setting.is_ok() && setting->has_value() && **setting == "enrolled";
  return relaxed ? TotpEnforcement::kEnrolled : TotpEnforcement::kRequired;
}

// The second factor of one sign-in, decided inside its write transaction so
// that two requests racing with the same code cannot both succeed.
struct SecondFactorOutcome {
  Status status = Status::ok();
  bool guessed_wrong = false;  // counts toward the rate limits
  std::vector<std::string> recovery_codes;
};

SecondFactorOutcome check_second_factor(store::Transaction& transaction, Context& context,
                                        const User& user, const SignInRequest& request) {
  SecondFactorOutcome outcome;
  Result<SecondFactor> loaded = transaction.second_factor(user.id);
  if (!loaded.is_ok()) return {loaded.status()};
  SecondFactor factor = *loaded;
  int64_t now = context.clock.now_ms();
  auto failed = [&] {
    outcome.status = wrong_code();
    outcome.guessed_wrong = true;
    return outcome;
  };

  if (!factor.totp_secret.empty()) {
    if (!request.recovery_code.empty()) {
      Status spent =
          transaction.use_recovery_code(user.id, recovery_code_hash(request.recovery_code), now);
      if (spent.code() == ErrorCode::kNotFound) return failed();
      outcome.status = spent;
      return outcome;
    }
    if (request.totp.empty()) return {code_required()};
    auto secret = auth::base32_decode(factor.totp_secret);
    if (!secret) return {Status(ErrorCode::kInternal, "stored TOTP secret does not decode")};
    auto step = auth::match_totp(*secret, request.totp, now, factor.totp_last_step);
    if (!step) return failed();
    factor.totp_last_step = *step;
    outcome.status = transaction.set_second_factor(user.id, factor);
    return outcome;
  }

  if (!factor.totp_pending.empty() && !request.totp.empty()) {
    auto secret = auth::base32_decode(factor.totp_pending);
    if (!secret) return {Status(ErrorCode::kInternal, "stored TOTP secret does not decode")};
    auto step = auth::match_totp(*secret, request.totp, now, factor.totp_last_step);
    if (!step) return failed();
    // The code proves the authenticator holds the secret: confirm it.
    factor.totp_secret = factor.totp_pending;
    factor.totp_pending.clear();
    factor.totp_last_step = *step;
    std::vector<std::string> hashes;
    for (int i = 0; i < SessionService::kRecoveryCodes; ++i) {
      outcome.recovery_codes.push_back(new_recovery_code(context.random));
      hashes.push_back(recovery_code_hash(outcome.recovery_codes.back()));
    }
    outcome.status = transaction.set_second_factor(user.id, factor);
    if (outcome.status.is_ok())
      outcome.status = transaction.replace_recovery_codes(user.id, hashes);
    return outcome;
  }

  if (needs_second_factor(user.role) && enforcement(transaction) == TotpEnforcement::kRequired) {
    return {enrolment_required()};
  }
  return outcome;
}

// The account of `email` (kNotFound when there is none), read on its own.
Result<store::Credentials> credentials_by_email(store::Store& store, const std::string& email) {
  TALLINN_ASSIGN_OR_RETURN(auto transaction, store.begin(store::TransactionMode::kRead));
  return transaction->credentials_by_email(email);
}

}  // namespace

bool needs_second_factor(Role role) {
  return role == Role::kFrontOffice || role == Role::kBackOffice || role == Role::kDonor ||
         role == Role::kAdmin;
}

Result<int64_t> SessionService::password_wait_seconds(const std::string& email,
                                                      const std::string& client) {
  TALLINN_ASSIGN_OR_RETURN(int64_t account,
                           account_limiter_.retry_after_seconds(account_key(email, client)));
  TALLINN_ASSIGN_OR_RETURN(int64_t address, client_limiter_.retry_after_seconds(client));
  return std::max(account, address);
}

int64_t SessionService::retry_after_seconds(const std::string& email, const std::string& client) {
  Result<int64_t> wait = [&]() -> Result<int64_t> {
    TALLINN_ASSIGN_OR_RETURN(int64_t password_wait, password_wait_seconds(email, client));
    Result<store::Credentials> credentials = credentials_by_email(context_.store, email);
    // No account, no codes counted for it: the password limits decide.
    if (credentials.status().code() == ErrorCode::kNotFound) return password_wait;
    if (!credentials.is_ok()) return credentials.status();
    TALLINN_ASSIGN_OR_RETURN(int64_t code_wait, code_wait_seconds(credentials->user.id, client));
    return std::max(password_wait, code_wait);
  }();
  return wait.is_ok() ? *wait : kFailureWindowMs / 1000;
}

Status SessionService::record_failure(const std::string& email, const std::string& client) {
  TALLINN_RETURN_IF_ERROR(account_limiter_.record_failure(account_key(email, client)));
  return client_limiter_.record_failure(client);
}

// Past the account's limit on codes, only the addresses that have
// themselves failed a code for it wait: the owner, who failed none, can
// still sign in (see kSecondFactorFailuresPerAccount).
// The address waits until the account's count falls below the limit or its
// own last failed code leaves the window, whichever comes first.
Result<int64_t> SessionService::code_wait_seconds(const Id& user, const std::string& client) {
  TALLINN_ASSIGN_OR_RETURN(int64_t account_wait, second_factor_limiter_.retry_after_seconds(user));
  if (account_wait == 0) return int64_t{0};
  TALLINN_ASSIGN_OR_RETURN(int64_t own_wait,
                           second_factor_limiter_.clear_after_seconds(user + '|' + client));
  return std::min(account_wait, own_wait);
}

Status SessionService::record_code_failure(const SignInRequest& request, const Id& user,
                                           const std::string& client) {
  TALLINN_RETURN_IF_ERROR(record_failure(request.email, client));
  TALLINN_RETURN_IF_ERROR(second_factor_limiter_.record_failure(user));
  return second_factor_limiter_.record_failure(user + '|' + client);
}

Result<store::Credentials> SessionService::check_password(const std::string& email,
                                                          const std::string& password,
                                                          const std::string& client,
                                                          const std::string& action) {
  if (password.size() > auth::kMaxPasswordBytes) {
    return Status(ErrorCode::kTooLarge, "password is too long", "password");
  }
  TALLINN_ASSIGN_OR_RETURN(int64_t wait, password_wait_seconds(email, client));
  if (wait > 0) {
    audit_refusal(context_, policy::Actor(), AuditEvent{.action = action},
                  Status(ErrorCode::kRateLimited, "too many attempts"));
    return too_many_attempts();
  }
  Result<store::Credentials> credentials = credentials_by_email(context_.store, email);
  if (!credentials.is_ok() && credentials.status().code() != ErrorCode::kNotFound) {
    return credentials.status();
  }
  bool accepted = false;
  if (credentials.is_ok()) {
    accepted =
        auth::verify_password(password, credentials->password_hash) && !credentials->user.disabled;
  } else {
    auth::burn_verification_time();
  }
  if (!accepted) {
    policy::Actor actor;
    AuditEvent event{.action = action, .record_type = "user"};
    if (credentials.is_ok()) {
      event.record_id = credentials->user.id;
      actor = policy::Actor::member(credentials->user.id, credentials->user.org,
                                    credentials->user.role);
    }
    audit_refusal(context_, actor, event, wrong_credentials());
    // A failure that could not be counted is not answered as a mere 401:
    // the limit must not lapse while the database is away.
    TALLINN_RETURN_IF_ERROR(record_failure(email, client));
    return wrong_credentials();
  }
  return credentials;
}

Result<SignedIn> SessionService::sign_in(const SignInRequest& request, const std::string& client) {
  TALLINN_ASSIGN_OR_RETURN(
      store::Credentials credentials,
      check_password(request.email, request.password, client, "session.create"));
  const User& user = credentials.user;
  auto actor = policy::Actor::member(user.id, user.org, user.role);
  AuditEvent event{.action = "session.create", .record_type = "user", .record_id = user.id};
  bool tries_a_code = !request.totp.empty() || !request.recovery_code.empty();
  if (tries_a_code) {
    TALLINN_ASSIGN_OR_RETURN(int64_t code_wait, code_wait_seconds(user.id, client));
    if (code_wait > 0) {
      audit_refusal(context_, actor, event, Status(ErrorCode::kRateLimited, "too many codes"));
      return too_many_attempts();
    }
  }

  SignedIn signed_in;
  signed_in.token = auth::new_session_token(context_.random);
  signed_in.user = user;
  Session session;
  session.token_hash = auth::token_hash(signed_in.token);
  session.user = user.id;
  session.created_at = session.last_seen_at = context_.clock.now_ms();
  session.expires_at = session.created_at + kSessionLifetimeMs;
  signed_in.expires_at = session.expires_at;

  SecondFactorOutcome second;
  Status written = [&]() -> Status {
    TALLINN_ASSIGN_OR_RETURN(auto transaction,
                             context_.store.begin(store::TransactionMode::kWrite));
    second = check_second_factor(*transaction, context_, user, request);
    TALLINN_RETURN_IF_ERROR(second.status);
    if (!second.recovery_codes.empty()) event.changed_fields.push_back("totp");
    TALLINN_RETURN_IF_ERROR(transaction->insert_session(session));
    TALLINN_RETURN_IF_ERROR(append_audit(*transaction, context_.clock, actor, event));
    return transaction->commit();
  }();
  if (!written.is_ok()) {
    if (written.code() == ErrorCode::kUnauthenticated)
      audit_refusal(context_, actor, event, written);
    if (second.guessed_wrong) {
      TALLINN_RETURN_IF_ERROR(record_code_failure(request, user.id, client));
    }
    return written;
  }
  signed_in.recovery_codes = std::move(second.recovery_codes);
  return signed_in;
}

Result<TotpEnrolment> SessionService::enrol_totp(const std::string& email,
                                                 const std::string& password,
                                                 const std::string& client) {
  TALLINN_ASSIGN_OR_RETURN(store::Credentials credentials,
                           check_password(email, password, client, "user.totp_enrol"));
  const User& user = credentials.user;
  auto actor = policy::Actor::member(user.id, user.org, user.role);
  AuditEvent event{.action = "user.totp_enrol",
                   .record_type = "user",
                   .record_id = user.id,
                   .changed_fields = {"totp"}};
  std::string secret = auth::new_totp_secret(context_.random);
  Status written = [&]() -> Status {
    TALLINN_ASSIGN_OR_RETURN(auto transaction,
                             context_.store.begin(store::TransactionMode::kWrite));
    TALLINN_ASSIGN_OR_RETURN(SecondFactor factor, transaction->second_factor(user.id));
    if (!factor.totp_secret.empty()) {
      return Status(ErrorCode::kConflict,
                    "an authenticator is already enrolled; an administrator can reset it", "totp");
    }
    factor.totp_pending = auth::base32_encode(secret);
    TALLINN_RETURN_IF_ERROR(transaction->set_second_factor(user.id, factor));
    TALLINN_RETURN_IF_ERROR(append_audit(*transaction, context_.clock, actor, event));
    return transaction->commit();
  }();
  if (!written.is_ok()) {
    audit_refusal(context_, actor, event, written);
    return written;
  }
  return TotpEnrolment{auth::base32_encode(secret), auth::totp_uri(kIssuer, user.email, secret)};
}

Status SessionService::change_password(const policy::Actor& actor,
                                       const std::string& current_password,
                                       const std::string& new_password, const std::string& client) {
  if (!actor.signed_in) return not_signed_in();
  TALLINN_RETURN_IF_ERROR(auth::check_new_password(new_password, "new_password"));
  TALLINN_RETURN_IF_ERROR(
      auth::check_not_breached(context_.breached_passwords, new_password, "new_password"));
  std::string organisation_name;
  Result<User> user = [&]() -> Result<User> {
    TALLINN_ASSIGN_OR_RETURN(auto transaction, context_.store.begin(store::TransactionMode::kRead));
    TALLINN_ASSIGN_OR_RETURN(User found, transaction->user(actor.user));
    TALLINN_ASSIGN_OR_RETURN(Organisation organisation, transaction->organisation(found.org));
    organisation_name = organisation.name;
    return found;
  }();
  if (!user.is_ok()) return user.status();
  Result<store::Credentials> checked =
      check_password(user->email, current_password, client, "user.password");
  if (!checked.is_ok()) {
    if (checked.status().code() != ErrorCode::kUnauthenticated) return checked.status();
    return Status(ErrorCode::kUnauthenticated, "the current password is wrong", "current_password");
  }
  TALLINN_RETURN_IF_ERROR(auth::check_password_context(
      new_password, {.email = user->email, .organisation_name = organisation_name},
      "new_password"));
  TALLINN_ASSIGN_OR_RETURN(std::string hash, auth::hash_password(new_password));
  TALLINN_ASSIGN_OR_RETURN(auto transaction, context_.store.begin(store::TransactionMode::kWrite));
  TALLINN_RETURN_IF_ERROR(transaction->set_password_hash(actor.user, hash));
  // A changed password must lock out whoever knew the old one, everywhere.
  TALLINN_RETURN_IF_ERROR(transaction->delete_sessions_of(actor.user));
  TALLINN_RETURN_IF_ERROR(append_audit(*transaction, context_.clock, actor,
                                       AuditEvent{.action = "user.password",
                                                  .record_type = "user",
                                                  .record_id = actor.user,
                                                  .changed_fields = {"password"}}));
  return transaction->commit();
}

Status SessionService::sign_out(const std::string& token) {
  std::string hash = auth::token_hash(token);
  TALLINN_ASSIGN_OR_RETURN(auto transaction, context_.store.begin(store::TransactionMode::kWrite));
  Result<Session> session = transaction->session(hash);
  if (!session.is_ok()) {
    return session.status().code() == ErrorCode::kNotFound ? Status::ok() : session.status();
  }
  TALLINN_ASSIGN_OR_RETURN(User user, transaction->user(session->user));
  TALLINN_RETURN_IF_ERROR(transaction->delete_session(hash));
  auto actor = policy::Actor::member(user.id, user.org, user.role);
  TALLINN_RETURN_IF_ERROR(append_audit(
      *transaction, context_.clock, actor,
      AuditEvent{.action = "session.delete", .record_type = "user", .record_id = user.id}));
  return transaction->commit();
}

Result<policy::Actor> SessionService::authenticate(const std::string& token) {
  if (token.empty() || token.size() > 256) return not_signed_in();
  std::string hash = auth::token_hash(token);
  int64_t now = context_.clock.now_ms();
  TALLINN_ASSIGN_OR_RETURN(auto transaction, context_.store.begin(store::TransactionMode::kRead));
  Result<Session> session = transaction->session(hash);
  if (!session.is_ok()) {
    return session.status().code() == ErrorCode::kNotFound ? not_signed_in() : session.status();
  }
  if (session->expires_at <= now) return not_signed_in();
  if (session->last_seen_at + kIdleTimeoutMs <= now) return not_signed_in();
  Result<User> user = transaction->user(session->user);
  if (!user.is_ok()) {
    return user.status().code() == ErrorCode::kNotFound ? not_signed_in() : user.status();
  }
  if (user->disabled) return not_signed_in();
  transaction.reset();
  if (now - session->last_seen_at >= kTouchIntervalMs) {
    // A session ended meanwhile (sign-out, password change) is kNotFound
    // here, and the request must not go on as signed in.
    TALLINN_ASSIGN_OR_RETURN(auto writing, context_.store.begin(store::TransactionMode::kWrite));
    Status touched = writing->touch_session(hash, now);
    if (touched.code() == ErrorCode::kNotFound) return not_signed_in();
    TALLINN_RETURN_IF_ERROR(touched);
    TALLINN_RETURN_IF_ERROR(writing->commit());
  }
  return policy::Actor::member(user->id, user->org, user->role);
}

}  // namespace tallinn::service
