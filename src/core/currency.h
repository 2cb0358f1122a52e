// The currencies offers may be pledged in and their conversion to EUR, in
// integer cents. Rates are a fixed table compiled into the platform (see
// docs/coordination.md): reference figures chosen by the operators, not a
// live market feed. An allocation fixes the rate when it is approved and
// keeps both amounts, so a later change of the table never rewrites one.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "core/money.h"

namespace tallinn {

// Units of the currency per one EUR, times 10^6 (EUR itself: 1'000'000).
struct CurrencyRate {
  std::string_view code;  // ISO 4217
  int64_t rate_micros;
};

// EUR, USD, GBP, CAD, DKK, SEK, PLN, in that order.
std::span<const CurrencyRate> currency_rates();

// The rate of `code`, or nullopt when offers may not use it.
std::optional<int64_t> rate_micros_of(std::string_view code);

// `eur` in the currency at `rate_micros`, rounded half away from zero.
Cents convert_from_eur(Cents eur, int64_t rate_micros);
// `amount` of the currency at `rate_micros` in EUR, rounded half away from
// zero.
Cents convert_to_eur(Cents amount, int64_t rate_micros);

}  // namespace tallinn
