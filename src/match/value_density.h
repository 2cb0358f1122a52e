// Value density: the objective gained per cent of a need covered,
// w(p) / amount. Compared exactly (128-bit cross products), because the
// greedy order and the optimality certificate must not depend on rounding.
#pragma once

#include <cstdint>
#include <vector>

#include "match/instance.h"

namespace tallinn::match {

// num / den with num >= 0, den >= 0, not both zero; den == 0 is +infinity.
struct Density {
  int64_t num = 0;
  int64_t den = 1;

  static Density zero() { return {0, 1}; }
  static Density infinity() { return {1, 0}; }
  static Density of(const Need& need) {
    return {priority_weight(need.priority), need.amount_cents};
  }

  // -1, 0, +1 as this is below, equal to, above `other`.
  int compare(const Density& other) const {
    const __int128 left = static_cast<__int128>(num) * other.den;
    const __int128 right = static_cast<__int128>(other.num) * den;
    return (left > right) - (left < right);
  }
  bool operator<(const Density& other) const { return compare(other) < 0; }
  bool operator>(const Density& other) const { return compare(other) > 0; }
  bool operator==(const Density& other) const { return compare(other) == 0; }
  double per_euro() const { return den == 0 ? 0.0 : 100.0 * static_cast<double>(num) / den; }
};

// Need indices by value density, highest first; equal densities by index,
// so the order (and every result built on it) is deterministic.
std::vector<uint32_t> order_by_value_density(const Instance& instance);

}  // namespace tallinn::match
