#include "core/money.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace tallinn {

Result<Cents> cents_from_euros(double euros, const std::string& field) {
  if (!std::isfinite(euros)) return invalid(field, "must be a finite number of euros");
  if (euros < 0) return invalid(field, "must not be negative");
  double scaled = euros * 100.0;
  if (scaled > static_cast<double>(kMaxCents)) {
    return invalid(field, "must be at most 1000000000.00 EUR");
  }
  double rounded = std::nearbyint(scaled);
  // Below kMaxCents a double resolves far finer than 1e-3 cent, so anything
  // further from a whole cent than that was written with a third decimal.
  if (std::fabs(scaled - rounded) > 1e-3) {
    return invalid(field, "must have at most 2 decimals");
  }
  return static_cast<Cents>(rounded);
}

double euros_from_cents(Cents cents) { return static_cast<double>(cents) / 100.0; }

std::string format_euros(Cents cents) {
  char buffer[32];
  const char* sign = cents < 0 ? "-" : "";
  long long magnitude = std::llabs(cents);
  std::snprintf(buffer, sizeof buffer, "%s%lld.%02lld", sign, magnitude / 100, magnitude % 100);
  return buffer;
}

}  // namespace tallinn
