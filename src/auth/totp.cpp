#include "auth/totp.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <array>
#include <string>

#include "auth/token.h"
#include "core/ascii.h"

namespace tallinn::auth {
namespace {

constexpr char kBase32Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

// Percent-encodes everything but RFC 3986 unreserved characters, so an email
// with '+' or '@' survives in the URI's label.
std::string uri_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (is_ascii_alnum(static_cast<char>(c)) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

std::string new_totp_secret(Random& random) {
  std::string secret(kTotpSecretBytes, '\0');
  random.fill(reinterpret_cast<uint8_t*>(secret.data()), secret.size());
  return secret;
}

std::string base32_encode(std::string_view bytes) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char byte : bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += kBase32Alphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kBase32Alphabet[(buffer << (5 - bits)) & 31];
  return out;
}

std::optional<std::string> base32_decode(std::string_view text) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    char upper = ascii_upper(c);
    const char* found = std::char_traits<char>::find(kBase32Alphabet, 32, upper);
    if (found == nullptr || c == '\0') return std::nullopt;
    buffer = (buffer << 5) | static_cast<uint32_t>(found - kBase32Alphabet);
    bits += 5;
    if (bits >= 8) {
      out += static_cast<char>((buffer >> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return out;
}

int64_t totp_step(int64_t unix_ms) {
  int64_t seconds = unix_ms >= 0 ? unix_ms / 1000 : (unix_ms - 999) / 1000;
  return seconds >= 0 ? seconds / kTotpStepSeconds
                      : (seconds - kTotpStepSeconds + 1) / kTotpStepSeconds;
}

std::string totp_code(std::string_view secret, int64_t step, int digits) {
  std::array<unsigned char, 8> counter{};
  uint64_t value = static_cast<uint64_t>(step);
  for (int i = 7; i >= 0; --i) {
    counter[i] = static_cast<unsigned char>(value & 0xff);
    value >>= 8;
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int mac_size = 0;
  HMAC(EVP_sha1(), secret.data(), static_cast<int>(secret.size()), counter.data(), counter.size(),
       mac.data(), &mac_size);
  // RFC 4226 section 5.3, dynamic truncation.
  int offset = mac[mac_size - 1] & 0x0f;
  uint32_t binary = (static_cast<uint32_t>(mac[offset] & 0x7f) << 24) |
                    (static_cast<uint32_t>(mac[offset + 1]) << 16) |
                    (static_cast<uint32_t>(mac[offset + 2]) << 8) | mac[offset + 3];
  uint32_t modulus = 1;
  for (int i = 0; i < digits; ++i) modulus *= 10;
  std::string code = std::to_string(binary % modulus);
  return std::string(static_cast<size_t>(digits) - code.size(), '0') + code;
}

std::optional<int64_t> match_totp(std::string_view secret, std::string_view code, int64_t unix_ms,
                                  int64_t last_used_step) {
  if (code.size() != kTotpDigits ||
      code.find_first_not_of("0123456789") != std::string_view::npos) {
    return std::nullopt;
  }
  int64_t now = totp_step(unix_ms);
  std::optional<int64_t> matched;
  // Every candidate is computed and compared, so the time taken does not
  // tell which step matched.
  for (int64_t step = now - 1; step <= now + 1; ++step) {
    bool same = same_secret(totp_code(secret, step), code);
    if (same && step > last_used_step && !matched) matched = step;
  }
  return matched;
}

std::string totp_uri(std::string_view issuer, std::string_view account, std::string_view secret) {
  return "otpauth://totp/" + uri_encode(issuer) + ":" + uri_encode(account) +
         "?secret=" + base32_encode(secret) + "&issuer=" + uri_encode(issuer) +
         "&algorithm=SHA1&digits=" + std::to_string(kTotpDigits) +
         "&period=" + std::to_string(kTotpStepSeconds);
}

}  // namespace tallinn::auth
