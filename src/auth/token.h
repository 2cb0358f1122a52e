// Session tokens. The client holds the token; the store holds only its
// SHA-256 (domain.h, Session), so a leaked database opens no sessions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/random.h"

namespace tallinn::auth {

inline constexpr size_t kSessionTokenBytes = 32;  // 256 bits

// A fresh token: kSessionTokenBytes from `random` as 64 lower-case hex
// digits.
std::string new_session_token(Random& random);

// Lower-case hex SHA-256 of `token`: the key a session is stored under.
std::string token_hash(std::string_view token);

// Compares two secrets in time that depends only on their lengths, so an
// attacker cannot learn a secret byte by byte from response times.
bool same_secret(std::string_view left, std::string_view right);

}  // namespace tallinn::auth
