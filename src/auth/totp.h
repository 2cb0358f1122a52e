// Time-based one-time passwords (RFC 6238 over RFC 4226): HMAC-SHA-1, 30 s
// steps, 6 digits, what every authenticator app speaks. Pure functions,
// thread-safe; the caller stores the secret and the last step used.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/random.h"

namespace tallinn::auth {

inline constexpr int64_t kTotpStepSeconds = 30;
inline constexpr int kTotpDigits = 6;
// RFC 4226 recommends at least 128 bits; 160 bits is the SHA-1 block
// authenticator apps expect.
inline constexpr size_t kTotpSecretBytes = 20;

// A fresh secret: kTotpSecretBytes from `random` (libsodium in the server).
std::string new_totp_secret(Random& random);

// RFC 4648 base32 without padding, the form otpauth:// URIs carry. Decoding
// ignores case; nullopt on any other character.
std::string base32_encode(std::string_view bytes);
std::optional<std::string> base32_decode(std::string_view text);

// The time step that `unix_ms` falls in.
int64_t totp_step(int64_t unix_ms);

// The code of `step` for the raw `secret`, zero-padded to `digits` (6 or 8;
// the RFC's test vectors use 8).
std::string totp_code(std::string_view secret, int64_t step, int digits = kTotpDigits);

// The step whose code `code` is, among the current step and one either side,
// provided it is later than `last_used_step` (so each code works once and an
// older code never works after a newer one). nullopt otherwise, including a
// code that is not exactly kTotpDigits digits. Comparison is constant-time.
std::optional<int64_t> match_totp(std::string_view secret, std::string_view code, int64_t unix_ms,
                                  int64_t last_used_step);

// otpauth://totp/ISSUER:ACCOUNT?secret=...&issuer=...&algorithm=SHA1&digits=6&period=30
std::string totp_uri(std::string_view issuer, std::string_view account, std::string_view secret);

}  // namespace tallinn::auth
