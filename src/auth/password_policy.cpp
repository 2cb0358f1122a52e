#include "auth/password_policy.h"

#include <string>
#include <unordered_set>
#include <vector>

#include "auth/password.h"
#include "core/ascii.h"

namespace tallinn::auth {

std::string_view common_passwords_text();  // embedded data/common_passwords.txt

namespace {

const std::unordered_set<std::string>& common_passwords() {
  static const std::unordered_set<std::string> passwords = [] {
    std::unordered_set<std::string> set;
    std::string_view text = common_passwords_text();
    while (!text.empty()) {
      size_t end = text.find('\n');
      std::string_view line = text.substr(0, end);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (!line.empty()) set.insert(ascii_lowercase(line));
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

// The words of `text`: runs of ASCII letters and digits and of non-ASCII
// bytes (so a Cyrillic word stays whole), lower-cased.
std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80 || is_ascii_alnum(c)) {
      word += ascii_lower(c);
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

}  // namespace

bool is_common_password(std::string_view password) {
  return common_passwords().count(ascii_lowercase(password)) > 0;
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

Status check_password_context(std::string_view password, const PasswordContext& context,
                              std::string_view field) {
  std::string lower = ascii_lowercase(password);
  std::string_view local_part = context.email.substr(0, context.email.find('@'));
  std::vector<std::string> candidates = words_of(local_part);
  candidates.push_back(ascii_lowercase(local_part));
  for (std::string& word : words_of(context.organisation_name)) candidates.push_back(word);
  std::vector<std::string> forbidden = {"tallinn"};
  for (std::string& word : candidates) {
    if (characters(word) >= kMinContextWordCharacters) forbidden.push_back(std::move(word));
  }
  for (const std::string& word : forbidden) {
    if (lower.find(word) != std::string::npos) {
      return invalid(std::string(field),
                     "must not contain words tied to the account (its email, its organisation's "
                     "name or \"tallinn\")");
    }
  }
  return Status::ok();
}

}  // namespace tallinn::auth
