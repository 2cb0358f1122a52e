// Password hashing with argon2id (libsodium), at or above the OWASP minimum
// (19 MiB of memory, 2 passes, 1 lane).
//
// A password is checked exactly as typed: no trimming, no Unicode
// normalisation, no truncation, so every byte counts. Hashes are libsodium's
// self-describing strings ("$argon2id$v=19$m=19456,t=2,p=1$..."), which carry
// their own salt and parameters. All functions are thread-safe; each hash or
// verification costs tens of milliseconds and 19 MiB, so callers keep them
// off I/O threads.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/status.h"

namespace tallinn::auth {

// Longer passwords are refused before hashing, so that nobody can make the
// server hash megabytes per attempt.
inline constexpr size_t kMaxPasswordBytes = 1024;
inline constexpr unsigned long long kPasswordOpsLimit = 2;
inline constexpr size_t kPasswordMemLimitBytes = 19456 * 1024;

// The hash to store for `password`. kInvalid naming "password" when it is
// empty, kTooLarge naming "password" when it exceeds kMaxPasswordBytes,
// kInternal when libsodium fails (out of memory).
Result<std::string> hash_password(std::string_view password);

// True only when `password` is the one `hash` was made from. A malformed
// hash, an empty or an over-long password is false.
bool verify_password(std::string_view password, const std::string& hash);

// Spends the time of one verification against a fixed hash. Sign-in calls it
// for an unknown email, so that an unknown email costs the same time as a
// wrong password and timing does not reveal which accounts exist.
void burn_verification_time();

}  // namespace tallinn::auth
