// Which new passwords are acceptable (OWASP ASVS 5.0 V6.2): at least 12
// characters, up to kMaxPasswordBytes (far above the 64 ASVS demands), not
// one of the 3,000 most common passwords, and no composition rules. Applies
// where a password is chosen (new account, change), never at sign-in, so an
// existing account is never locked out by a stricter rule.
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

}  // namespace tallinn::auth
