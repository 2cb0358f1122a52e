// Cookies and bearer tokens: reading them from a request, writing the
// session cookie.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "http/request.h"

namespace tallinn::http {

// The session cookie's name over plain HTTP (development, the demo, tests on
// loopback)...
inline constexpr std::string_view kSessionCookie = "tallinn_session";
// ...and wherever it is Secure (ASVS 5.0 V3.3.1). A browser keeps a
// "__Host-" cookie only when it is Secure, has Path=/ and no Domain, and
// never lets a sibling subdomain or a plain-HTTP page set one, so a planted
// cookie of that name cannot exist. Browsers drop Secure cookies set over
// plain HTTP on origins other than localhost, which is why the prefix is
// only used with `secure`.
inline constexpr std::string_view kSecureSessionCookie = "__Host-tallinn_session";

// Parses a Cookie header ("a=1; b=2"). Pairs without '=' or with an empty
// name are skipped. A name that occurs twice is dropped altogether: a
// browser sends two when another site or path has planted a second one, and
// neither can be trusted to be ours.
std::map<std::string, std::string, std::less<>> parse_cookies(std::string_view header);

struct SessionCookieOptions {
  bool secure = true;  // add "Secure": set to false only for plain-HTTP development
};

// kSecureSessionCookie when `options.secure`, else kSessionCookie. The
// server reads the session only under the name it sets: a Secure server
// ignores "tallinn_session", which anyone able to set a cookie for the
// host (a sibling subdomain, a plain-HTTP response) could have planted.
std::string_view session_cookie_name(const SessionCookieOptions& options);

// "NAME=TOKEN; HttpOnly; SameSite=Strict; Path=/[; Secure]", NAME as
// session_cookie_name(); never a Domain attribute.
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
// Authorization header, else the cookie named session_cookie_name(options).
std::optional<std::string> session_token(const Request& request,
                                         const SessionCookieOptions& options);

}  // namespace tallinn::http
