#include "http/cookies.h"

#include <set>
#include <stdexcept>

#include "core/ascii.h"

namespace tallinn::http {

namespace {

// RFC 6265 cookie-octet.
bool is_cookie_octet(unsigned char c) {
  return c == 0x21 || (c >= 0x23 && c <= 0x2b) || (c >= 0x2d && c <= 0x3a) ||
         (c >= 0x3c && c <= 0x5b) || (c >= 0x5d && c <= 0x7e);
}

// RFC 7235 token68.
bool is_token68(std::string_view text) {
  if (text.empty()) return false;
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (!(is_ascii_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' ||
          c == '/')) {
      break;
    }
    ++i;
  }
  while (i < text.size() && text[i] == '=') ++i;
  return i == text.size();
}

std::string cookie_attributes(const SessionCookieOptions& options) {
  std::string attributes = "; HttpOnly; SameSite=Strict; Path=/";
  if (options.secure) attributes += "; Secure";
  return attributes;
}

}  // namespace

std::map<std::string, std::string, std::less<>> parse_cookies(std::string_view header) {
  std::map<std::string, std::string, std::less<>> cookies;
  std::set<std::string, std::less<>> repeated;
  while (!header.empty()) {
    size_t semicolon = header.find(';');
    std::string_view pair = trim_whitespace(header.substr(0, semicolon));
    header =
        semicolon == std::string_view::npos ? std::string_view() : header.substr(semicolon + 1);
    size_t eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view name = trim_whitespace(pair.substr(0, eq));
    std::string_view value = trim_whitespace(pair.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    if (name.empty() || repeated.count(name)) continue;
    if (!cookies.emplace(name, value).second) {
      cookies.erase(cookies.find(name));
      repeated.emplace(name);
    }
  }
  return cookies;
}

std::string_view session_cookie_name(const SessionCookieOptions& options) {
  return options.secure ? kSecureSessionCookie : kSessionCookie;
}

std::string session_cookie(std::string_view token, const SessionCookieOptions& options) {
  if (token.empty()) throw std::invalid_argument("session token is empty");
  for (unsigned char c : token) {
    if (!is_cookie_octet(c)) throw std::invalid_argument("session token is not cookie-safe");
  }
  return std::string(session_cookie_name(options)) + "=" + std::string(token) +
         cookie_attributes(options);
}

std::string clear_session_cookie(const SessionCookieOptions& options) {
  return std::string(session_cookie_name(options)) + "=" + cookie_attributes(options) +
         "; Max-Age=0";
}

std::optional<std::string> bearer_token(std::string_view authorization) {
  authorization = trim_whitespace(authorization);
  size_t space = authorization.find(' ');
  if (space == std::string_view::npos) return std::nullopt;
  if (!iequals(authorization.substr(0, space), "Bearer")) return std::nullopt;
  std::string_view token = trim_whitespace(authorization.substr(space + 1));
  if (!is_token68(token)) return std::nullopt;
  return std::string(token);
}

std::optional<std::string> bearer_token(const Request& request) {
  auto authorization = request.header("Authorization");
  if (!authorization) return std::nullopt;
  return bearer_token(*authorization);
}

std::optional<std::string> session_token(const Request& request,
                                         const SessionCookieOptions& options) {
  if (request.header("Authorization")) return bearer_token(request);
  auto it = request.cookies.find(session_cookie_name(options));
  if (it == request.cookies.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

}  // namespace tallinn::http
