#include "matchio/money.h"

#include <charconv>

#include "core/ascii.h"

namespace tallinn::matchio {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view take_digits(std::string_view text, size_t* position) {
  const size_t start = *position;
  while (*position < text.size() && is_digit(text[*position])) ++*position;
  return text.substr(start, *position - start);
}

}  // namespace

Result<int64_t> parse_cents(std::string_view text, int64_t max_cents, const std::string& field) {
  while (!text.empty() && is_ascii_space(text.back())) {
    text.remove_suffix(1);
  }
  size_t position = 0;
  const bool negative = !text.empty() && text[0] == '-';
  if (negative) ++position;
  const std::string_view integer = take_digits(text, &position);
  std::string_view fraction;
  if (position < text.size() && text[position] == '.') {
    ++position;
    fraction = take_digits(text, &position);
    if (fraction.empty()) return invalid(field, "must be a number");
  }
  int64_t exponent = 0;
  if (position < text.size() && (text[position] == 'e' || text[position] == 'E')) {
    ++position;
    const bool negative_exponent = position < text.size() && text[position] == '-';
    if (position < text.size() && (text[position] == '-' || text[position] == '+')) ++position;
    const std::string_view digits = take_digits(text, &position);
    if (digits.empty() || digits.size() > 4)
      return invalid(field, "must be a plain amount in euros");
    std::from_chars(digits.data(), digits.data() + digits.size(), exponent);
    if (negative_exponent) exponent = -exponent;
  }
  if (integer.empty() || position != text.size()) return invalid(field, "must be a number");

  // value in cents = digits x 10^scale
  std::string digits(integer);
  digits += fraction;
  int64_t scale = exponent - static_cast<int64_t>(fraction.size()) + 2;
  while (scale < 0) {
    if (digits.back() != '0') return invalid(field, "must have at most 2 decimals");
    digits.pop_back();
    ++scale;
    if (digits.empty()) digits.push_back('0');
  }
  const size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) return int64_t{0};
  if (negative) return invalid(field, "must not be negative");
  digits.erase(0, first);
  if (static_cast<int64_t>(digits.size()) + scale > 18) return invalid(field, "is too large");
  digits.append(static_cast<size_t>(scale), '0');
  int64_t cents = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), cents);
  if (cents > max_cents) return invalid(field, "is too large");
  return cents;
}

void append_cents(int64_t cents, std::string* out) {
  if (cents < 0) {
    out->push_back('-');
    cents = -cents;
  }
  char buffer[24];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, cents / 100).ptr;
  out->append(buffer, end);
  const int fraction = static_cast<int>(cents % 100);
  out->push_back('.');
  out->push_back(static_cast<char>('0' + fraction / 10));
  out->push_back(static_cast<char>('0' + fraction % 10));
}

}  // namespace tallinn::matchio
