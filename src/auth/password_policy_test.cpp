#include "auth/password_policy.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "auth/password.h"

namespace tallinn::auth {
namespace {

TEST(PasswordPolicyTest, TwelveCharactersAreEnoughElevenAreNot) {
  EXPECT_TRUE(check_new_password("harbour-lamp"));  // 12
  Status short_one = check_new_password("harbour-lam");
  EXPECT_EQ(short_one.code(), ErrorCode::kInvalid);
  EXPECT_EQ(short_one.field(), "password");
  EXPECT_EQ(check_new_password("short", "new_password").field(), "new_password");
}

TEST(PasswordPolicyTest, CountsCharactersNotBytes) {
  // Twelve Cyrillic letters are 24 bytes and twelve characters.
  EXPECT_TRUE(
      check_new_password("\xd0\xbf\xd0\xb0\xd1\x80\xd0\xbe\xd0\xbb\xd1\x8c\xd0\xbf\xd0\xb0"
                         "\xd1\x80\xd0\xbe\xd0\xbb\xd1\x8c"));
  // Eleven of them are 22 bytes but still too short.
  EXPECT_FALSE(
      check_new_password("\xd0\xbf\xd0\xb0\xd1\x80\xd0\xbe\xd0\xbb\xd1\x8c\xd0\xbf\xd0\xb0"
                         "\xd1\x80\xd0\xbe\xd0\xbb"));
}

TEST(PasswordPolicyTest, LongPasswordsAndNoCompositionRules) {
  EXPECT_TRUE(check_new_password(std::string(64, 'x') + "y"));
  EXPECT_TRUE(check_new_password(std::string(kMaxPasswordBytes, 'q')));
  EXPECT_EQ(check_new_password(std::string(kMaxPasswordBytes + 1, 'q')).code(),
            ErrorCode::kTooLarge);
  EXPECT_TRUE(check_new_password("all lower case words here"));
  EXPECT_TRUE(check_new_password("                    "));  // spaces are characters
}

// Reads the list the binary embeds from the source tree, so the test checks
// every one of the 3,000 entries rather than a sample.
TEST(PasswordPolicyTest, EveryCommonPasswordIsRefused) {
  const char* source = std::getenv("TALLINN_SOURCE_DIR");
  ASSERT_NE(source, nullptr);
  std::ifstream list(std::string(source) + "/src/auth/data/common_passwords.txt");
  ASSERT_TRUE(list);
  int lines = 0;
  int refused_for_being_common = 0;
  for (std::string line; std::getline(list, line);) {
    ++lines;
    EXPECT_TRUE(is_common_password(line)) << line;
    EXPECT_FALSE(check_new_password(line)) << line;
    if (line.size() >= kMinPasswordCharacters) {
      Status refused = check_new_password(line);
      EXPECT_NE(refused.message().find("common"), std::string::npos) << line;
      ++refused_for_being_common;
    }
  }
  EXPECT_EQ(lines, 3000);
  EXPECT_GT(refused_for_being_common, 10);  // the list reaches the length rule
  EXPECT_TRUE(is_common_password("PASSWORD"));
  EXPECT_FALSE(is_common_password("tallinn-mechanism-2026"));
}

TEST(PasswordPolicyTest, ContextSpecificWordsAreRefused) {
  PasswordContext context{.email = "Olena.Shevchenko@kharkiv-relief.org.ua",
                          .organisation_name = "Kharkiv Relief Фонд"};
  for (const char* password :
       {"my-tallinn-password", "TALLINN-is-fine-2026", "olena.shevchenko-2026",
        "zebra-OLENA-lamp-99", "lamp-shevchenko-zebra", "zebra-kharkiv-lamp-7",
        "RELIEF-harbour-lamp", "lamp-Фонд-zebra-harbour"}) {
    Status refused = check_password_context(password, context, "new_password");
    EXPECT_EQ(refused.code(), ErrorCode::kInvalid) << password;
    EXPECT_EQ(refused.field(), "new_password") << password;
  }
  // Words of the email's domain are not the user's; short words are too
  // common to refuse; the same password with no such word is fine.
  EXPECT_TRUE(check_password_context("harbour-lamp-zebra-org", context));
  EXPECT_TRUE(check_password_context("zebra-harbour-lamp",
                                     {.email = "jo@example.org", .organisation_name = "NGO"}));
  EXPECT_TRUE(check_password_context("zebra-jo-harbour-ngo", {.email = "jo.ngo@example.org"}));
  EXPECT_FALSE(
      check_password_context("zebra-jo.ngo-harbour", {.email = "jo.ngo@example.org"}).is_ok());
}

}  // namespace
}  // namespace tallinn::auth
