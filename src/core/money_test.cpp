#include "core/money.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace tallinn {
namespace {

TEST(MoneyTest, AcceptsAtMostTwoDecimals) {
  EXPECT_EQ(cents_from_euros(120000.0, "amount").value(), 12000000);
  EXPECT_EQ(cents_from_euros(0.29, "amount").value(), 29);
  EXPECT_EQ(cents_from_euros(1234.56, "amount").value(), 123456);
  EXPECT_EQ(cents_from_euros(0, "amount").value(), 0);
}

TEST(MoneyTest, RefusesAThirdDecimalNamingTheField) {
  auto result = cents_from_euros(1.005, "budget");
  ASSERT_FALSE(result.is_ok());
  EXPECT_EQ(result.status().code(), ErrorCode::kInvalid);
  EXPECT_EQ(result.status().field(), "budget");
  EXPECT_FALSE(cents_from_euros(0.001, "amount").is_ok());
}

TEST(MoneyTest, RefusesNegativeNonFiniteAndHuge) {
  EXPECT_FALSE(cents_from_euros(-0.01, "amount").is_ok());
  EXPECT_FALSE(cents_from_euros(std::nan(""), "amount").is_ok());
  EXPECT_FALSE(cents_from_euros(std::numeric_limits<double>::infinity(), "amount").is_ok());
  EXPECT_FALSE(cents_from_euros(1e9 + 0.01, "amount").is_ok());
  EXPECT_TRUE(cents_from_euros(1e9, "amount").is_ok());
}

TEST(MoneyTest, FormatsTwoDecimals) {
  EXPECT_EQ(format_euros(123456), "1234.56");
  EXPECT_EQ(format_euros(5), "0.05");
  EXPECT_EQ(format_euros(-250), "-2.50");
  EXPECT_DOUBLE_EQ(euros_from_cents(12345), 123.45);
}

}  // namespace
}  // namespace tallinn
