#include "auth/token.h"

#include <sodium.h>

#include <array>

#include "core/id.h"

namespace tallinn::auth {

std::string new_session_token(Random& random) {
  std::array<uint8_t, kSessionTokenBytes> bytes;
  random.fill(bytes.data(), bytes.size());
  std::string token = to_hex(bytes.data(), bytes.size());
  sodium_memzero(bytes.data(), bytes.size());
  return token;
}

std::string token_hash(std::string_view token) {
  std::array<uint8_t, crypto_hash_sha256_BYTES> digest;
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(token.data()),
                     token.size());
  return to_hex(digest.data(), digest.size());
}

bool same_secret(std::string_view left, std::string_view right) {
  if (left.size() != right.size()) return false;
  return sodium_memcmp(left.data(), right.data(), left.size()) == 0;
}

}  // namespace tallinn::auth
