#include "auth/totp.h"

#include <gtest/gtest.h>

#include "auth/sodium_random.h"

namespace tallinn::auth {
namespace {

constexpr char kRfcSecret[] = "12345678901234567890";  // RFC 6238 appendix B, SHA-1

TEST(TotpTest, MatchesTheRfc6238TestVectors) {
  const std::pair<int64_t, const char*> vectors[] = {
      {59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
      {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"},
  };
  for (const auto& [seconds, expected] : vectors) {
    EXPECT_EQ(totp_code(kRfcSecret, totp_step(seconds * 1000), 8), expected) << seconds;
    // Six digits are the last six of the eight (the same truncated value).
    EXPECT_EQ(totp_code(kRfcSecret, totp_step(seconds * 1000)), std::string(expected).substr(2));
  }
}

TEST(TotpTest, AcceptsOneStepEitherSideAndNothingFurther) {
  const int64_t now_ms = 1111111111000;
  const int64_t step = totp_step(now_ms);
  for (int64_t offset : {-1, 0, 1}) {
    auto matched = match_totp(kRfcSecret, totp_code(kRfcSecret, step + offset), now_ms, 0);
    ASSERT_TRUE(matched) << offset;
    EXPECT_EQ(*matched, step + offset);
  }
  for (int64_t offset : {-3, -2, 2, 3}) {
    EXPECT_FALSE(match_totp(kRfcSecret, totp_code(kRfcSecret, step + offset), now_ms, 0)) << offset;
  }
}

TEST(TotpTest, EachCodeWorksOnceAndNeverAfterALaterOne) {
  const int64_t now_ms = 1234567890000;
  const int64_t step = totp_step(now_ms);
  std::string code = totp_code(kRfcSecret, step);
  ASSERT_TRUE(match_totp(kRfcSecret, code, now_ms, step - 5));
  EXPECT_FALSE(match_totp(kRfcSecret, code, now_ms, step));  // replay
  EXPECT_FALSE(match_totp(kRfcSecret, totp_code(kRfcSecret, step - 1), now_ms, step));
  EXPECT_TRUE(match_totp(kRfcSecret, totp_code(kRfcSecret, step + 1), now_ms, step));
}

TEST(TotpTest, RefusesMalformedCodes) {
  const int64_t now_ms = 59000;
  std::string good = totp_code(kRfcSecret, totp_step(now_ms));
  EXPECT_TRUE(match_totp(kRfcSecret, good, now_ms, -1));
  for (std::string bad : {std::string(""), good + "0", good.substr(1), std::string("12345a"),
                          std::string(" ") + good.substr(1), std::string("-12345")}) {
    EXPECT_FALSE(match_totp(kRfcSecret, bad, now_ms, -1)) << bad;
  }
  EXPECT_FALSE(match_totp("another secret", good, now_ms, -1));
}

TEST(TotpTest, Base32RoundTripsAndKnowsRfc4648) {
  EXPECT_EQ(base32_encode("foobar"), "MZXW6YTBOI");  // RFC 4648 section 10, unpadded
  EXPECT_EQ(base32_encode("f"), "MY");
  EXPECT_EQ(base32_decode("mzxw6ytboi"), std::optional<std::string>("foobar"));
  EXPECT_FALSE(base32_decode("MZXW1"));  // '1' is not in the alphabet
  ASSERT_TRUE(init_sodium());
  SodiumRandom random;
  std::string secret = new_totp_secret(random);
  EXPECT_EQ(secret.size(), kTotpSecretBytes);
  EXPECT_EQ(base32_decode(base32_encode(secret)), std::optional<std::string>(secret));
  EXPECT_NE(new_totp_secret(random), secret);
}

TEST(TotpTest, UriCarriesTheParametersAuthenticatorsRead) {
  std::string uri = totp_uri("Tallinn", "a+b@example.org", "foobar");
  EXPECT_EQ(uri,
            "otpauth://totp/Tallinn:a%2Bb%40example.org?secret=MZXW6YTBOI&issuer=Tallinn"
            "&algorithm=SHA1&digits=6&period=30");
}

}  // namespace
}  // namespace tallinn::auth
