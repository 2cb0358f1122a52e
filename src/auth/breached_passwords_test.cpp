#include "auth/breached_passwords.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace tallinn::auth {
namespace {

// SHA-1("password"), as HIBP lists it (the first line of its range 5BAA6).
constexpr char kPasswordSha1[] = "5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8";

std::string sha1_hex(const std::string& text) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), digest.data(), &length, EVP_sha1(), nullptr);
  char hex[3];
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    std::snprintf(hex, sizeof hex, "%02X", digest[i]);
    out += hex;
  }
  return out;
}

class BreachedPasswordsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("breached-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
  }
  void TearDown() override { std::filesystem::remove(path_); }

  // Writes the hashes of `passwords` and `extra` lines, sorted, one
  // `HASH:COUNT` line each, ending lines with `newline`.
  void write(const std::vector<std::string>& passwords, const std::string& newline = "\n",
             bool lower_case = false) {
    std::vector<std::string> hashes{kPasswordSha1};
    for (const std::string& password : passwords) hashes.push_back(sha1_hex(password));
    std::sort(hashes.begin(), hashes.end());
    std::ofstream out(path_, std::ios::binary);
    int count = 1;
    for (std::string hash : hashes) {
      if (lower_case) std::transform(hash.begin(), hash.end(), hash.begin(), ::tolower);
      out << hash << ':' << count++ * 7 << newline;
    }
  }

  std::vector<std::string> numbered(const std::string& prefix, int n) {
    std::vector<std::string> out;
    for (int i = 0; i < n; ++i) out.push_back(prefix + std::to_string(i));
    return out;
  }

  std::filesystem::path path_;
};

TEST_F(BreachedPasswordsTest, FindsEveryListedPasswordAndNoOther) {
  std::vector<std::string> listed = numbered("listed-", 3000);
  write(listed);
  auto file = BreachedPasswords::open(path_.string());
  ASSERT_TRUE(file.is_ok()) << file.status().to_string();
  auto found = (*file)->contains("password");
  ASSERT_TRUE(found.is_ok());
  EXPECT_TRUE(*found);
  for (const std::string& password : listed) {
    auto hit = (*file)->contains(password);
    ASSERT_TRUE(hit.is_ok()) << password;
    EXPECT_TRUE(*hit) << password;
  }
  for (const std::string& password : numbered("not-listed-", 3000)) {
    auto hit = (*file)->contains(password);
    ASSERT_TRUE(hit.is_ok()) << password;
    EXPECT_FALSE(*hit) << password;
  }
}

TEST_F(BreachedPasswordsTest, ReadsCrLfAndLowerCaseAndASingleLine) {
  for (auto [newline, lower] : {std::pair{std::string("\r\n"), false}, {"\n", true}}) {
    write(numbered("x-", 50), newline, lower);
    auto file = BreachedPasswords::open(path_.string());
    ASSERT_TRUE(file.is_ok()) << file.status().to_string();
    EXPECT_TRUE((*file)->contains("x-17").value());
    EXPECT_TRUE((*file)->contains("password").value());
    EXPECT_FALSE((*file)->contains("x-50").value());
  }
  write({});
  auto single = BreachedPasswords::open(path_.string());
  ASSERT_TRUE(single.is_ok());
  EXPECT_TRUE((*single)->contains("password").value());
  EXPECT_FALSE((*single)->contains("Password").value());
}

TEST_F(BreachedPasswordsTest, RefusesAFileThatIsNotPwnedPasswords) {
  EXPECT_EQ(BreachedPasswords::open((path_.string() + "-missing")).status().field(),
            "breached-passwords");
  { std::ofstream(path_) << ""; }
  EXPECT_EQ(BreachedPasswords::open(path_.string()).status().field(), "breached-passwords");
  { std::ofstream(path_) << "password\n123456\n"; }
  EXPECT_EQ(BreachedPasswords::open(path_.string()).status().field(), "breached-passwords");
}

TEST_F(BreachedPasswordsTest, TheCheckNamesTheFieldAndPassesWithoutAFile) {
  write({});
  auto file = BreachedPasswords::open(path_.string());
  ASSERT_TRUE(file.is_ok());
  Status refused = check_not_breached(file->get(), "password", "new_password");
  EXPECT_EQ(refused.code(), ErrorCode::kInvalid);
  EXPECT_EQ(refused.field(), "new_password");
  EXPECT_TRUE(check_not_breached(file->get(), "harbour-lamp-quietly").is_ok());
  EXPECT_TRUE(check_not_breached(nullptr, "password").is_ok());
}

}  // namespace
}  // namespace tallinn::auth
