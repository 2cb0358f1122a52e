#include "core/currency.h"

#include <array>

namespace tallinn {
namespace {

constexpr std::array<CurrencyRate, 7> kRates = {{
    {"EUR", 1'000'000},
    {"USD", 1'080'000},
    {"GBP", 850'000},
    {"CAD", 1'500'000},
    {"DKK", 7'460'000},
    {"SEK", 11'200'000},
    {"PLN", 4'300'000},
}};

// round(numerator / denominator) for non-negative values, in 128 bits so
// that no amount below kMaxCents can overflow.
Cents divide_rounded(__int128 numerator, __int128 denominator) {
  return static_cast<Cents>((numerator + denominator / 2) / denominator);
}

}  // namespace

std::span<const CurrencyRate> currency_rates() { return kRates; }

std::optional<int64_t> rate_micros_of(std::string_view code) {
  for (const CurrencyRate& rate : kRates) {
    if (rate.code == code) return rate.rate_micros;
  }
  return std::nullopt;
}

Cents convert_from_eur(Cents eur, int64_t rate_micros) {
  return divide_rounded(static_cast<__int128>(eur) * rate_micros, 1'000'000);
}

Cents convert_to_eur(Cents amount, int64_t rate_micros) {
  return divide_rounded(static_cast<__int128>(amount) * 1'000'000, rate_micros);
}

}  // namespace tallinn
