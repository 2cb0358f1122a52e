// Sign-in with password and second factor (TOTP or a recovery code),
// authenticator enrolment, password change, sign-out, and turning a bearer
// token into an actor with absolute and idle timeouts.
#pragma once

#include <string>
#include <vector>

#include "policy/access.h"
#include "service/context.h"
#include "service/rate_limiter.h"

namespace tallinn::service {

struct SignInRequest {
  std::string email;
  std::string password;
  std::string totp;           // six digits from the authenticator, or empty
  std::string recovery_code;  // instead of totp when the authenticator is lost
};

struct SignedIn {
  std::string token;  // shown to the client once; only its hash is stored
  User user;
  int64_t expires_at = 0;
  // Issued when this sign-in confirmed a new authenticator; shown once.
  std::vector<std::string> recovery_codes;
};

// What enrolment hands out, once: the secret for the authenticator app.
struct TotpEnrolment {
  std::string secret;  // base32
  std::string uri;     // otpauth://totp/... for a QR code
};

// Which accounts must present a second factor. kRequired (the default of
// every database): the offices, donors and admins always, and anyone who has
// enrolled. kEnrolled: only those who have enrolled; `tallinn demo` sets it
// in the demo database, whose passwords are public anyway.
enum class TotpEnforcement { kRequired, kEnrolled };
inline constexpr char kTotpEnforcementSetting[] = "totp_enforcement";

// True for the roles that must use a second factor under kRequired.
bool needs_second_factor(Role role);

class SessionService {
 public:
  // Sessions end this long after sign-in, whatever happens in between...
  static constexpr int64_t kSessionLifetimeMs = 12 * 60 * 60 * 1000;
  // ...or after this long without a request.
  static constexpr int64_t kIdleTimeoutMs = 30 * 60 * 1000;
  // last_seen_at is written at most this often per session, so reads do not
  // turn into a write per request.
  static constexpr int64_t kTouchIntervalMs = 60 * 1000;

  // Failed sign-ins (password or second factor) allowed per (email, client
  // address) and per client address within kFailureWindowMs before
  // kRateLimited. Wrong second factors are also counted per account across
  // all addresses: past kSecondFactorFailuresPerAccount, every address that
  // has itself failed a code for the account is limited, so a botnet that
  // holds the password cannot spread its guesses, while the owner (who
  // failed nothing) is not locked out.
  static constexpr int kFailuresPerAccountAndClient = 10;
  static constexpr int kFailuresPerClient = 100;
  static constexpr int kSecondFactorFailuresPerAccount = 30;
  static constexpr int64_t kFailureWindowMs = 15 * 60 * 1000;
  static constexpr int kRecoveryCodes = 10;

  // The limits are counted in the database (service/rate_limiter.h), so
  // every node on it enforces them together.
  explicit SessionService(Context& context)
      : context_(context),
        account_limiter_(context.store, context.clock, "sign_in.account_client",
                         kFailuresPerAccountAndClient, kFailureWindowMs),
        client_limiter_(context.store, context.clock, "sign_in.client", kFailuresPerClient,
                        kFailureWindowMs),
        second_factor_limiter_(context.store, context.clock, "second_factor",
                               kSecondFactorFailuresPerAccount, kFailureWindowMs) {}

  // A wrong password, an unknown email and a disabled account all answer the
  // same kUnauthenticated Status, after the same amount of hashing work.
  // With the right password: kUnauthenticated naming "totp" when a second
  // factor is required and missing or wrong (or the account must enrol
  // first). A code of the pending enrolment confirms it and the answer
  // carries fresh recovery codes. Every success is a new token.
  Result<SignedIn> sign_in(const SignInRequest& request, const std::string& client);

  // Starts (or restarts) enrolment of an authenticator for the account the
  // password opens; kConflict naming "totp" when one is already confirmed.
  // Refusals as sign_in().
  Result<TotpEnrolment> enrol_totp(const std::string& email, const std::string& password,
                                   const std::string& client);

  // Changes the signed-in user's password after checking the current one
  // (ASVS 6.2.3) and ends every session of the user, this one included.
  // kInvalid naming "new_password" for a password the policy refuses;
  // kUnauthenticated naming "current_password" when it is wrong.
  Status change_password(const policy::Actor& actor, const std::string& current_password,
                         const std::string& new_password, const std::string& client);

  // After kRateLimited: how long `client` should wait before trying `email`
  // again, by whichever limit refused it: the password limits, or the
  // account's limit on codes for an address that has failed a code (the
  // whole window when the database cannot tell).
  int64_t retry_after_seconds(const std::string& email, const std::string& client);

  // Ends the session of `token` at once. Unknown tokens are not an error.
  Status sign_out(const std::string& token);

  // The actor behind `token`: kUnauthenticated when the token is unknown,
  // past its absolute or idle timeout, or its user is disabled.
  Result<policy::Actor> authenticate(const std::string& token);

 private:
  Result<store::Credentials> check_password(const std::string& email, const std::string& password,
                                            const std::string& client, const std::string& action);
  Result<int64_t> password_wait_seconds(const std::string& email, const std::string& client);
  Status record_failure(const std::string& email, const std::string& client);
  // Seconds `client` must wait before trying another code for `user`
  // (0: it may try now).
  Result<int64_t> code_wait_seconds(const Id& user, const std::string& client);
  Status record_code_failure(const SignInRequest& request, const Id& user,
                             const std::string& client);

  Context& context_;
  RateLimiter account_limiter_;
  RateLimiter client_limiter_;
  RateLimiter second_factor_limiter_;
};

}  // namespace tallinn::service
