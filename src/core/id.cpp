#include "core/id.h"

#include <array>

namespace tallinn {

std::string to_hex(const uint8_t* bytes, size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(size * 2, '0');
  for (size_t i = 0; i < size; ++i) {
    out[2 * i] = kDigits[bytes[i] >> 4];
    out[2 * i + 1] = kDigits[bytes[i] & 0xf];
  }
  return out;
}

Id new_id(Random& random) {
  std::array<uint8_t, 16> bytes;
  random.fill(bytes.data(), bytes.size());
  return to_hex(bytes.data(), bytes.size());
}

bool is_id(std::string_view text) {
  if (text.size() != 32) return false;
  for (char c : text) {
    bool hex_digit = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    if (!hex_digit) return false;
  }
  return true;
}

}  // namespace tallinn
