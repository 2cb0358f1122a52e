#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <set>
#include <string>

#include "auth/password.h"
#include "auth/sodium_random.h"
#include "auth/token.h"

namespace tallinn::auth {
namespace {

class AuthTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(init_sodium()); }
};

std::string hash_of(std::string_view password) {
  Result<std::string> hash = hash_password(password);
  EXPECT_TRUE(hash.is_ok()) << hash.status().to_string();
  return hash.is_ok() ? hash.value() : std::string();
}

// A password of `size` printable bytes that is not a repetition.
std::string long_password(size_t size) {
  std::string password;
  for (size_t i = 0; i < size; ++i) password.push_back(static_cast<char>('!' + (i * 7) % 94));
  return password;
}

TEST_F(AuthTest, HashIsArgon2idWithAtLeastTheOwaspParameters) {
  std::string hash = hash_of("correct horse battery staple");
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u) << hash;
  EXPECT_NE(hash.find("m=19456,t=2,p=1"), std::string::npos) << hash;
  EXPECT_TRUE(verify_password("correct horse battery staple", hash));
  EXPECT_FALSE(verify_password("correct horse battery stapl", hash));
}

TEST_F(AuthTest, SamePasswordHashesDifferentlyEachTime) {
  EXPECT_NE(hash_of("same password"), hash_of("same password"));
}

TEST_F(AuthTest, PasswordsAreCheckedExactlyAsTyped) {
  std::string hash = hash_of(" secret ");
  EXPECT_TRUE(verify_password(" secret ", hash));
  EXPECT_FALSE(verify_password("secret", hash));
  EXPECT_FALSE(verify_password(" SECRET ", hash));
  // "é" precomposed (U+00E9) and decomposed (e + U+0301) are different
  // passwords: no normalisation.
  std::string composed = hash_of("caf\xc3\xa9");
  EXPECT_TRUE(verify_password("caf\xc3\xa9", composed));
  EXPECT_FALSE(verify_password("cafe\xcc\x81", composed));
}

TEST_F(AuthTest, LongPasswordsCountEveryCharacter) {
  for (size_t size : {128u, 1000u, static_cast<unsigned>(kMaxPasswordBytes)}) {
    std::string password = long_password(size);
    std::string hash = hash_of(password);
    EXPECT_TRUE(verify_password(password, hash)) << size;
    std::string last_changed = password;
    last_changed.back() = last_changed.back() == 'x' ? 'y' : 'x';
    EXPECT_FALSE(verify_password(last_changed, hash)) << size;
    std::string first_changed = password;
    first_changed.front() = first_changed.front() == 'x' ? 'y' : 'x';
    EXPECT_FALSE(verify_password(first_changed, hash)) << size;
    EXPECT_FALSE(verify_password(password.substr(0, size - 1), hash)) << size;
  }
}

// The shortest of three runs of `work`: timing on a shared machine is noisy,
// and only the slow side of the noise misleads.
std::chrono::nanoseconds fastest_run(const std::function<void()>& work) {
  auto fastest = std::chrono::nanoseconds::max();
  for (int run = 0; run < 3; ++run) {
    auto start = std::chrono::steady_clock::now();
    work();
    fastest = std::min(fastest, std::chrono::nanoseconds(std::chrono::steady_clock::now() - start));
  }
  return fastest;
}

TEST_F(AuthTest, OverLongPasswordIsRefusedBeforeHashing) {
  std::string huge(1 << 20, 'a');
  Result<std::string> refused = hash_password(huge);
  ASSERT_FALSE(refused.is_ok());
  EXPECT_EQ(refused.status().code(), ErrorCode::kTooLarge);
  EXPECT_EQ(refused.status().field(), "password");
  EXPECT_EQ(hash_password(long_password(kMaxPasswordBytes + 1)).status().code(),
            ErrorCode::kTooLarge);
  // One argon2id hash takes tens of milliseconds; a refusal takes none.
  auto hashing = fastest_run([] { hash_of("a"); });
  auto refusing = fastest_run([&] { (void)hash_password(huge); });
  EXPECT_LT(refusing * 100, hashing);
  auto verifying_huge = fastest_run([&] { EXPECT_FALSE(verify_password(huge, "$argon2id$")); });
  EXPECT_LT(verifying_huge * 100, hashing);
}

TEST_F(AuthTest, EmptyPasswordIsInvalid) {
  Result<std::string> refused = hash_password("");
  ASSERT_FALSE(refused.is_ok());
  EXPECT_EQ(refused.status().code(), ErrorCode::kInvalid);
  EXPECT_EQ(refused.status().field(), "password");
  EXPECT_FALSE(verify_password("", hash_of("x")));
}

TEST_F(AuthTest, MalformedHashVerifiesNothing) {
  EXPECT_FALSE(verify_password("password", ""));
  EXPECT_FALSE(verify_password("password", "$argon2id$garbage"));
  EXPECT_FALSE(verify_password("password", std::string(500, '$')));
}

TEST_F(AuthTest, BurningVerificationTimeCostsAboutOneVerification) {
  std::string hash = hash_of("password");
  burn_verification_time();  // builds its fixed hash once
  auto verification = fastest_run([&] { verify_password("wrong", hash); });
  auto burnt = fastest_run([] { burn_verification_time(); });
  // Generous bounds: the point is "a real argon2id run", not a benchmark.
  EXPECT_GT(burnt * 3, verification);
  EXPECT_LT(burnt, verification * 3);
}

// Hands out 0, 1, 2, ... so tokens are predictable in tests.
class CountingRandom final : public Random {
 public:
  void fill(uint8_t* out, size_t size) override {
    for (size_t i = 0; i < size; ++i) out[i] = next_++;
  }

 private:
  uint8_t next_ = 0;
};

TEST_F(AuthTest, SessionTokenIs256BitsOfHex) {
  CountingRandom counting;
  std::string token = new_session_token(counting);
  EXPECT_EQ(token, "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  SodiumRandom random;
  std::set<std::string> tokens;
  for (int i = 0; i < 100; ++i) {
    std::string fresh = new_session_token(random);
    EXPECT_EQ(fresh.size(), 64u);
    EXPECT_EQ(fresh.find_first_not_of("0123456789abcdef"), std::string::npos);
    tokens.insert(fresh);
  }
  EXPECT_EQ(tokens.size(), 100u);
}

TEST_F(AuthTest, TokenHashIsSha256Hex) {
  EXPECT_EQ(token_hash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(token_hash(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_F(AuthTest, SameSecretComparesWholeValues) {
  EXPECT_TRUE(same_secret("abc", "abc"));
  EXPECT_TRUE(same_secret("", ""));
  EXPECT_FALSE(same_secret("abc", "abd"));
  EXPECT_FALSE(same_secret("abc", "abcd"));
  EXPECT_FALSE(same_secret(std::string_view("a\0b", 3), std::string_view("a\0c", 3)));
}

}  // namespace
}  // namespace tallinn::auth
