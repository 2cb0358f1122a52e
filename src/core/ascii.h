// Character classes of ASCII bytes, for parsers of protocol and query text.
//
// <cctype>'s isdigit and friends take an int that must be EOF or an
// unsigned char value: passing a plain `char` holding a byte >= 0x80 (any
// UTF-8 text, any percent-decoded query) is undefined behaviour, and their
// answers depend on the process's locale. These are defined for every byte,
// and a byte >= 0x80 is never a digit, letter or space.
#pragma once

#include <string>
#include <string_view>

namespace tallinn {

constexpr bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool is_ascii_lower(char c) { return c >= 'a' && c <= 'z'; }
constexpr bool is_ascii_alpha(char c) { return is_ascii_upper(c) || is_ascii_lower(c); }
constexpr bool is_ascii_alnum(char c) { return is_ascii_alpha(c) || is_ascii_digit(c); }
// Space, tab, newline, vertical tab, form feed, carriage return (as isspace
// in the C locale).
constexpr bool is_ascii_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
// 'A'..'Z' to 'a'..'z'; every other byte unchanged.
constexpr char ascii_lower(char c) {
  return is_ascii_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
}
constexpr char ascii_upper(char c) {
  return is_ascii_lower(c) ? static_cast<char>(c - 'a' + 'A') : c;
}

// `text` with ascii_lower() applied to every byte (UTF-8 stays intact).
inline std::string ascii_lowercase(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = ascii_lower(c);
  return lower;
}

}  // namespace tallinn
