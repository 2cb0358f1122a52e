// Money is integer cents inside tallinn; the API speaks EUR numbers with at
// most two decimals. This is the one conversion between the two.
#pragma once

#include <cstdint>
#include <string>

#include "core/status.h"

namespace tallinn {

using Cents = int64_t;

// The largest amount or budget accepted: one billion euro. It keeps every
// sum of a national portfolio far inside int64 and every value exactly
// representable as a double on the wire.
inline constexpr Cents kMaxCents = 100'000'000'000;

// Converts a JSON number in EUR to cents. Refuses NaN, infinities, negative
// values, values over kMaxCents and more than two decimals, naming `field`.
Result<Cents> cents_from_euros(double euros, const std::string& field);

// The EUR value of `cents` as the API writes it (a JSON number).
double euros_from_cents(Cents cents);

// "1234.50": fixed two decimals, for text formats (CSV, logs, messages).
std::string format_euros(Cents cents);

}  // namespace tallinn
