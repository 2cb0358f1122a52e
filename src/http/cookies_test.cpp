#include "http/cookies.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace tallinn::http {
namespace {

TEST(Cookies, ParsesPairsAndDropsRepeatedNames) {
  auto cookies = parse_cookies(R"(a=1; tallinn_session=abc; b="quoted"; junk; =x)");
  EXPECT_EQ(cookies.size(), 3u);
  EXPECT_EQ(cookies["tallinn_session"], "abc");
  EXPECT_EQ(cookies["b"], "quoted");
  auto repeated = parse_cookies("tallinn_session=ours; tallinn_session=planted; a=1");
  EXPECT_EQ(repeated.count("tallinn_session"), 0u);
  EXPECT_EQ(repeated["a"], "1");
}

TEST(Cookies, BuildsAndClearsTheSessionCookie) {
  // Secure: the __Host- prefix, Path=/ and no Domain (ASVS 5.0 V3.3.1).
  EXPECT_EQ(session_cookie("tok-EN_1", {.secure = true}),
            "__Host-tallinn_session=tok-EN_1; HttpOnly; SameSite=Strict; Path=/; Secure");
  // Plain HTTP: no prefix, which a browser would refuse without Secure.
  EXPECT_EQ(session_cookie("t", {.secure = false}),
            "tallinn_session=t; HttpOnly; SameSite=Strict; Path=/");
  EXPECT_EQ(clear_session_cookie({.secure = true}),
            "__Host-tallinn_session=; HttpOnly; SameSite=Strict; Path=/; Secure; Max-Age=0");
  EXPECT_EQ(clear_session_cookie({.secure = false}),
            "tallinn_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
  for (bool secure : {true, false}) {
    std::string cookie = session_cookie("t", {.secure = secure});
    EXPECT_EQ(cookie.find("Domain"), std::string::npos) << cookie;
    EXPECT_EQ(cookie.rfind(std::string(session_cookie_name({.secure = secure})) + "=", 0), 0u);
  }
  EXPECT_THROW(session_cookie("a;b", {}), std::invalid_argument);
  EXPECT_THROW(session_cookie("a\r\nSet-Cookie: x", {}), std::invalid_argument);
}

// Each server reads the session only under the name it sets: a Secure one
// ignores a plain "tallinn_session" (which a sibling subdomain could plant),
// a plain one the "__Host-" name.
TEST(Cookies, SessionTokenIsReadUnderTheNameTheServerSets) {
  Request both;
  both.cookies = parse_cookies("tallinn_session=plain; __Host-tallinn_session=hosted");
  EXPECT_EQ(session_token(both, {.secure = true}), "hosted");
  EXPECT_EQ(session_token(both, {.secure = false}), "plain");
  Request planted;
  planted.cookies = parse_cookies("tallinn_session=planted");
  EXPECT_FALSE(session_token(planted, {.secure = true}));
  Request hosted;
  hosted.cookies = parse_cookies("__Host-tallinn_session=hosted");
  EXPECT_FALSE(session_token(hosted, {.secure = false}));
}

TEST(Cookies, ExtractsBearerTokens) {
  EXPECT_EQ(bearer_token("Bearer abc.DEF-_~+/="), "abc.DEF-_~+/=");
  EXPECT_EQ(bearer_token("bearer   abc"), "abc");
  EXPECT_FALSE(bearer_token("Basic dXNlcjpwYXNz"));
  EXPECT_FALSE(bearer_token("Bearer"));
  EXPECT_FALSE(bearer_token("Bearer a b"));
  EXPECT_FALSE(bearer_token("Bearer a=b"));
}

TEST(Cookies, SessionTokenPrefersAuthorization) {
  Request request;
  request.cookies = parse_cookies("tallinn_session=from-cookie");
  EXPECT_EQ(session_token(request, {.secure = false}), "from-cookie");
  request.headers.add("authorization", "Bearer from-header");
  EXPECT_EQ(session_token(request, {.secure = false}), "from-header");
  EXPECT_EQ(session_token(request, {.secure = true}), "from-header");
  Request broken;
  broken.headers.add("Authorization", "Basic x");
  broken.cookies = parse_cookies("tallinn_session=from-cookie");
  EXPECT_FALSE(session_token(broken, {.secure = false}));
}

}  // namespace
}  // namespace tallinn::http
