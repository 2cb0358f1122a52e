#include "auth/password.h"

#include <sodium.h>

#include <array>
#include <cstring>

#include "auth/sodium_random.h"

namespace tallinn::auth {

static_assert(kPasswordMemLimitBytes >= crypto_pwhash_MEMLIMIT_MIN);
static_assert(kPasswordOpsLimit >= crypto_pwhash_OPSLIMIT_MIN);

Result<std::string> hash_password(std::string_view password) {
  if (password.empty()) return invalid("password", "must not be empty");
  if (password.size() > kMaxPasswordBytes) {
    return Status(ErrorCode::kTooLarge,
                  "must be at most " + std::to_string(kMaxPasswordBytes) + " bytes", "password");
  }
  TALLINN_RETURN_IF_ERROR(init_sodium());
  std::array<char, crypto_pwhash_STRBYTES> hash{};
  if (crypto_pwhash_str_alg(hash.data(), password.data(), password.size(), kPasswordOpsLimit,
                            kPasswordMemLimitBytes, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Status(ErrorCode::kInternal, "password hashing failed");
  }
  return std::string(hash.data());
}

bool verify_password(std::string_view password, const std::string& hash) {
  if (password.empty() || password.size() > kMaxPasswordBytes) return false;
  if (!init_sodium().is_ok()) return false;
  // libsodium reads the hash as a C string inside a buffer of STRBYTES.
  std::array<char, crypto_pwhash_STRBYTES> terminated{};
  if (hash.size() >= terminated.size() || hash.find('\0') != std::string::npos) return false;
  std::memcpy(terminated.data(), hash.data(), hash.size());
  return crypto_pwhash_str_verify(terminated.data(), password.data(), password.size()) == 0;
}

void burn_verification_time() {
  // Made once with the current parameters, so it always costs what a real
  // verification costs.
  static const std::string dummy_hash = [] {
    Result<std::string> hash = hash_password("tallinn: no such account");
    return hash.is_ok() ? hash.value() : std::string();
  }();
  verify_password("not the password", dummy_hash);
}

}  // namespace tallinn::auth
