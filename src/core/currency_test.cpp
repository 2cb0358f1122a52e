#include "core/currency.h"

#include <gtest/gtest.h>

namespace tallinn {
namespace {

TEST(Currency, TableHoldsTheSevenCurrencies) {
  EXPECT_EQ(currency_rates().size(), 7u);
  EXPECT_EQ(rate_micros_of("EUR"), 1'000'000);
  EXPECT_TRUE(rate_micros_of("PLN").has_value());
  EXPECT_FALSE(rate_micros_of("UAH").has_value());
  EXPECT_FALSE(rate_micros_of("eur").has_value());
}

TEST(Currency, EuroIsTheIdentity) {
  EXPECT_EQ(convert_from_eur(12345, 1'000'000), 12345);
  EXPECT_EQ(convert_to_eur(12345, 1'000'000), 12345);
}

TEST(Currency, RoundsHalfUpInCents) {
  // 1.01 EUR at 1.08 = 1.0908 -> 1.09.
  EXPECT_EQ(convert_from_eur(101, 1'080'000), 109);
  // 1 cent of PLN at 4.30 per EUR is 0.23 cents of EUR -> 0.
  EXPECT_EQ(convert_to_eur(1, 4'300'000), 0);
  // 3 cents of PLN -> 0.70 cents -> 1.
  EXPECT_EQ(convert_to_eur(3, 4'300'000), 1);
}

TEST(Currency, LargestAmountsDoNotOverflow) {
  const Cents billion_euro = 100'000'000'000;
  EXPECT_EQ(convert_from_eur(billion_euro, 11'200'000), 1'120'000'000'000);
  EXPECT_EQ(convert_to_eur(1'120'000'000'000, 11'200'000), billion_euro);
}

}  // namespace
}  // namespace tallinn
