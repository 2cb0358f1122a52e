// Which new passwords are acceptable (OWASP ASVS 5.0 V6.2): at least 12
// characters, up to kMaxPasswordBytes (far above the 64 ASVS demands), not
// one of the 3,000 most common passwords, and no composition rules. Applies
// where a password is chosen (new account, change), never at sign-in, so an
// existing account is never locked out by a stricter rule.
//
// Context-specific words (V6.2.11) are a second check, since they need the
// account's email and organisation: check_password_context().
#pragma once

#include <string_view>

#include "core/status.h"

namespace tallinn::auth {

inline constexpr size_t kMinPasswordCharacters = 12;

// OK, or kInvalid / kTooLarge naming `field`. Characters are Unicode code
// points (a multi-byte letter counts once), as ASVS counts them.
Status check_new_password(std::string_view password, std::string_view field = "password");

// True when `password` (compared case-insensitively for ASCII letters) is on
// the embedded list: the first 3,000 lines of NCSC's 100k most used passwords
// (SecLists, Passwords/Common-Credentials/100k-most-used-passwords-NCSC.txt).
bool is_common_password(std::string_view password);

// What an attacker who knows whose account it is would try first.
struct PasswordContext {
  std::string_view email;              // the account's email address
  std::string_view organisation_name;  // the name of the account's organisation
};

// kInvalid naming `field` when `password` contains, ignoring the case of
// ASCII letters, one of the context-specific words (V6.2.11; the list is in
// docs/security.md): "tallinn"; the local part of the email (before '@'),
// each word of it and each word of the organisation's name, where they have
// at least kMinContextWordCharacters characters (words are split at anything but
// letters and digits, so "olena.shevchenko" gives "olena" and "shevchenko").
// Shorter words are left out: refusing every password that holds "ngo" or
// "jo" would refuse good passwords for no gain.
inline constexpr size_t kMinContextWordCharacters = 4;
Status check_password_context(std::string_view password, const PasswordContext& context,
                              std::string_view field = "password");

}  // namespace tallinn::auth
