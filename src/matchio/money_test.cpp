#include "matchio/money.h"

#include <gtest/gtest.h>

namespace tallinn::matchio {
namespace {

int64_t cents(std::string_view text) {
  Result<int64_t> parsed = parse_cents(text, 1'000'000'000'000, "x");
  EXPECT_TRUE(parsed.is_ok()) << text << ": " << parsed.status().to_string();
  return parsed.is_ok() ? *parsed : -1;
}

std::string error(std::string_view text) {
  Result<int64_t> parsed = parse_cents(text, 1'000'000'000'000, "needs[3].amount");
  return parsed.is_ok() ? "" : parsed.status().to_string();
}

TEST(ParseCents, ReadsTheExactDecimal) {
  EXPECT_EQ(cents("120000.00"), 12'000'000);
  EXPECT_EQ(cents("0.01"), 1);
  EXPECT_EQ(cents("0.1"), 10);
  EXPECT_EQ(cents("7"), 700);
  EXPECT_EQ(cents("1234.56  \n"), 123456);
  EXPECT_EQ(cents("1.500"), 150);  // trailing zeros are not decimals
  EXPECT_EQ(cents("1e3"), 100'000);
  EXPECT_EQ(cents("12.5E-1"), 125);
  EXPECT_EQ(cents("0"), 0);
  EXPECT_EQ(cents("-0.00"), 0);
  EXPECT_EQ(cents("10000000000.00"), 1'000'000'000'000);
}

TEST(ParseCents, RejectsWhatIsNotAnAmount) {
  EXPECT_EQ(error("1.005"), "needs[3].amount: must have at most 2 decimals");
  EXPECT_EQ(error("1e-3"), "needs[3].amount: must have at most 2 decimals");
  EXPECT_EQ(error("-5"), "needs[3].amount: must not be negative");
  EXPECT_EQ(error("10000000000.01"), "needs[3].amount: is too large");
  EXPECT_EQ(error("1e300"), "needs[3].amount: is too large");
  EXPECT_EQ(error("1e99999"), "needs[3].amount: must be a plain amount in euros");
  EXPECT_EQ(error("99999999999999999999999"), "needs[3].amount: is too large");
  EXPECT_EQ(error("\"12\""), "needs[3].amount: must be a number");
  EXPECT_EQ(error("1."), "needs[3].amount: must be a number");
  EXPECT_EQ(error(""), "needs[3].amount: must be a number");
}

TEST(AppendCents, TwoDecimalsAlways) {
  std::string out;
  append_cents(12'000'000, &out);
  out += ' ';
  append_cents(7, &out);
  out += ' ';
  append_cents(-123, &out);
  EXPECT_EQ(out, "120000.00 0.07 -1.23");
}

}  // namespace
}  // namespace tallinn::matchio
