// Cookies and bearer tokens: reading them from a request, writing the
// session cookie.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "http/request.h"

namespace tallinn::http {

inline constexpr std::string_view kSessionCookie = "tallinn_session";

// Parses a Cookie header ("a=1; b=2"). Pairs without '=' or with an empty
// name are skipped. A name that occurs twice is dropped altogether: a
// browser sends two when another site or path has planted a second one, and
// neither can be trusted to be ours.
std::map<std::string, std::string, std::less<>> parse_cookies(std::string_view header);

struct SessionCookieOptions {
  bool secure = true;  // add "Secure": set to false only for plain-HTTP development
};

// "tallinn_session=TOKEN; HttpOnly; SameSite=Strict; Path=/[; Secure]".
// `token` must consist of cookie-octets (as the base64url tokens of auth/
// do); anything else is a caller bug and throws std::invalid_argument.
std::string session_cookie(std::string_view token, const SessionCookieOptions& options);
// The same cookie, emptied and expired at once (Max-Age=0): sign-out.
std::string clear_session_cookie(const SessionCookieOptions& options);

// TOKEN from "Authorization: Bearer TOKEN" (the scheme in any case). nullopt
// when the header is absent, uses another scheme or the token is not
// token68 text.
std::optional<std::string> bearer_token(std::string_view authorization);
std::optional<std::string> bearer_token(const Request& request);

// The session token of a request: the bearer token when there is an
// Authorization header, else the session cookie.
std::optional<std::string> session_token(const Request& request);

}  // namespace tallinn::http
