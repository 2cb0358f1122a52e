#include "store/cursor.h"

#include <charconv>
#include <optional>

namespace tallinn::store {
namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::string_view kVersionPrefix = "1:";
// Far longer than any cursor this file makes; refuses absurd input early.
constexpr size_t kMaxCursorBytes = 256;

std::string base64url(std::string_view bytes) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char byte : bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(buffer >> bits) & 0x3f];
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (6 - bits)) & 0x3f];
  return out;
}

// Strict: refuses characters outside the alphabet and non-zero padding bits,
// so each byte string has exactly one encoding.
std::optional<std::string> from_base64url(std::string_view text) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    size_t value = kAlphabet.find(c);
    if (value == std::string_view::npos) return std::nullopt;
    buffer = (buffer << 6) | static_cast<uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xff);
    }
  }
  if (bits >= 6 || (buffer & ((1u << bits) - 1)) != 0) return std::nullopt;
  return out;
}

std::optional<int64_t> parse_int64(std::string_view text) {
  int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
    return std::nullopt;
  }
  return value;
}

Status bad_cursor() { return malformed("cursor is not valid", "cursor"); }

// The cursor's payload after the version prefix, or nullopt.
std::optional<std::string> payload(std::string_view cursor) {
  if (cursor.size() > kMaxCursorBytes) return std::nullopt;
  std::optional<std::string> decoded = from_base64url(cursor);
  if (!decoded || !decoded->starts_with(kVersionPrefix)) return std::nullopt;
  return decoded->substr(kVersionPrefix.size());
}

}  // namespace

std::string encode_time_cursor(const TimeKey& key) {
  return base64url(std::string(kVersionPrefix) + std::to_string(key.created_at) + ":" + key.id);
}

Result<TimeKey> decode_time_cursor(std::string_view cursor) {
  std::optional<std::string> body = payload(cursor);
  if (!body) return bad_cursor();
  size_t colon = body->find(':');
  if (colon == std::string::npos || colon + 1 == body->size()) return bad_cursor();
  std::optional<int64_t> created_at = parse_int64(std::string_view(*body).substr(0, colon));
  if (!created_at) return bad_cursor();
  return TimeKey{*created_at, body->substr(colon + 1)};
}

std::string encode_sequence_cursor(int64_t sequence) {
  return base64url(std::string(kVersionPrefix) + std::to_string(sequence));
}

Result<int64_t> decode_sequence_cursor(std::string_view cursor) {
  std::optional<std::string> body = payload(cursor);
  if (!body) return bad_cursor();
  std::optional<int64_t> sequence = parse_int64(*body);
  if (!sequence) return bad_cursor();
  return *sequence;
}

}  // namespace tallinn::store
