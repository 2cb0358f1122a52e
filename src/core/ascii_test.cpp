#include "core/ascii.h"

#include <gtest/gtest.h>

#include <cctype>
#include <clocale>

namespace tallinn {
namespace {

// Every byte, against <cctype> in the C locale (called correctly, through
// unsigned char): the same answers for ASCII, and no byte >= 0x80 is a
// digit, letter or space.
TEST(Ascii, AgreesWithTheCLocaleForEveryByte) {
  ASSERT_NE(std::setlocale(LC_CTYPE, "C"), nullptr);
  for (int value = 0; value < 256; ++value) {
    char c = static_cast<char>(value);
    auto byte = static_cast<unsigned char>(value);
    bool high = value >= 0x80;
    EXPECT_EQ(is_ascii_digit(c), !high && std::isdigit(byte) != 0) << value;
    EXPECT_EQ(is_ascii_upper(c), !high && std::isupper(byte) != 0) << value;
    EXPECT_EQ(is_ascii_alpha(c), !high && std::isalpha(byte) != 0) << value;
    EXPECT_EQ(is_ascii_alnum(c), !high && std::isalnum(byte) != 0) << value;
    EXPECT_EQ(is_ascii_space(c), !high && std::isspace(byte) != 0) << value;
    EXPECT_EQ(ascii_lower(c), high ? c : static_cast<char>(std::tolower(byte))) << value;
    EXPECT_EQ(ascii_upper(c), high ? c : static_cast<char>(std::toupper(byte))) << value;
  }
}

// The bytes of superscript one (U+00B9, 0xC2 0xB9) and a Latin-1 'É' (0xC9)
// are no digit and no capital, whatever the locale.
TEST(Ascii, HighBytesAreNeverDigitsOrLetters) {
  for (char c : {'\xb9', '\xc2', '\xc9', '\xff', '\x80'}) {
    EXPECT_FALSE(is_ascii_digit(c));
    EXPECT_FALSE(is_ascii_upper(c));
    EXPECT_FALSE(is_ascii_alnum(c));
    EXPECT_FALSE(is_ascii_space(c));
  }
}

}  // namespace
}  // namespace tallinn
