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
  EXPECT_EQ(session_cookie("tok-EN_1", {.secure = true}),
            "tallinn_session=tok-EN_1; HttpOnly; SameSite=Strict; Path=/; Secure");
  EXPECT_EQ(session_cookie("t", {.secure = false}),
            "tallinn_session=t; HttpOnly; SameSite=Strict; Path=/");
  EXPECT_EQ(clear_session_cookie({.secure = true}),
            "tallinn_session=; HttpOnly; SameSite=Strict; Path=/; Secure; Max-Age=0");
  EXPECT_THROW(session_cookie("a;b", {}), std::invalid_argument);
  EXPECT_THROW(session_cookie("a\r\nSet-Cookie: x", {}), std::invalid_argument);
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
  EXPECT_EQ(session_token(request), "from-cookie");
  request.headers.add("authorization", "Bearer from-header");
  EXPECT_EQ(session_token(request), "from-header");
  Request broken;
  broken.headers.add("Authorization", "Basic x");
  broken.cookies = parse_cookies("tallinn_session=from-cookie");
  EXPECT_FALSE(session_token(broken));
}

}  // namespace
}  // namespace tallinn::http
