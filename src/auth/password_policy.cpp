#include "auth/password_policy.h"

#include <cctype>
#include <string>
#include <unordered_set>

#include "auth/password.h"

namespace tallinn::auth {

std::string_view common_passwords_text();  // embedded data/common_passwords.txt

namespace {

std::string lower_ascii(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

const std::unordered_set<std::string>& common_passwords() {
  static const std::unordered_set<std::string> passwords = [] {
    std::unordered_set<std::string> set;
    std::string_view text = common_passwords_text();
    while (!text.empty()) {
      size_t end = text.find('\n');
      std::string_view line = text.substr(0, end);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (!line.empty()) set.insert(lower_ascii(line));
      if (end == std::string_view::npos) break;
      text.remove_prefix(end + 1);
    }
    return set;
  }();
  return passwords;
}

// Code points, counting every byte that does not continue a UTF-8 sequence.
size_t characters(std::string_view text) {
  size_t count = 0;
  for (unsigned char c : text) count += (c & 0xc0) != 0x80;
  return count;
}

}  // namespace

bool is_common_password(std::string_view password) {
  return common_passwords().count(lower_ascii(password)) > 0;
}

Status check_new_password(std::string_view password, std::string_view field) {
  std::string name(field);
  if (password.size() > kMaxPasswordBytes) {
    return Status(ErrorCode::kTooLarge,
                  "must be at most " + std::to_string(kMaxPasswordBytes) + " bytes", name);
  }
  if (characters(password) < kMinPasswordCharacters) {
    return invalid(
        name, "must be at least " + std::to_string(kMinPasswordCharacters) + " characters long");
  }
  if (is_common_password(password)) {
    return invalid(name, "is one of the most common passwords; choose another");
  }
  return Status::ok();
}

}  // namespace tallinn::auth
