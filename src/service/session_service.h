// Sign-in, sign-out and turning a bearer token into an actor.
#pragma once

#include <string>

#include "policy/access.h"
#include "service/context.h"
#include "service/rate_limiter.h"

namespace tallinn::service {

struct SignedIn {
  std::string token;  // shown to the client once; only its hash is stored
  User user;
  int64_t expires_at = 0;
};

class SessionService {
 public:
  // Sessions end this long after sign-in, whatever happens in between.
  static constexpr int64_t kSessionLifetimeMs = 12 * 60 * 60 * 1000;

  // Failed sign-ins allowed per (email, client address) and per client
  // address within kFailureWindowMs before kRateLimited.
  static constexpr int kFailuresPerAccountAndClient = 10;
  static constexpr int kFailuresPerClient = 100;
  static constexpr int64_t kFailureWindowMs = 15 * 60 * 1000;

  explicit SessionService(Context& context)
      : context_(context),
        account_limiter_(context.clock, kFailuresPerAccountAndClient, kFailureWindowMs),
        client_limiter_(context.clock, kFailuresPerClient, kFailureWindowMs) {}

  // A wrong password, an unknown email and a disabled account all answer the
  // same kUnauthenticated Status, after the same amount of hashing work.
  // Too many failures from `client` answer kRateLimited (see
  // retry_after_seconds()). Keying the account limit by client too means an
  // attacker elsewhere cannot lock the real user out.
  Result<SignedIn> sign_in(const std::string& email, const std::string& password,
                           const std::string& client);

  // After kRateLimited: how long `client` should wait before trying `email`.
  int64_t retry_after_seconds(const std::string& email, const std::string& client);

  // Ends the session of `token` at once. Unknown tokens are not an error.
  Status sign_out(const std::string& token);

  // The actor behind `token`: kUnauthenticated when the token is unknown,
  // expired, or its user is disabled.
  Result<policy::Actor> authenticate(const std::string& token);

 private:
  Context& context_;
  RateLimiter account_limiter_;
  RateLimiter client_limiter_;
};

}  // namespace tallinn::service
