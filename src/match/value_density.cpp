#include "match/value_density.h"

#include <algorithm>

namespace tallinn::match {

std::vector<uint32_t> order_by_value_density(const Instance& instance) {
  // The double key decides almost every comparison; the exact comparison
  // only settles keys that round to the same double.
  struct Key {
    double density;
    uint32_t need;
  };
  std::vector<Key> keys(instance.needs.size());
  for (uint32_t i = 0; i < keys.size(); ++i) {
    const Need& need = instance.needs[i];
    keys[i] = {static_cast<double>(priority_weight(need.priority)) / need.amount_cents, i};
  }
  std::sort(keys.begin(), keys.end(), [&](const Key& a, const Key& b) {
    if (a.density != b.density) return a.density > b.density;
    const int exact =
        Density::of(instance.needs[a.need]).compare(Density::of(instance.needs[b.need]));
    if (exact != 0) return exact > 0;
    return a.need < b.need;
  });
  std::vector<uint32_t> order(keys.size());
  for (size_t k = 0; k < keys.size(); ++k) order[k] = keys[k].need;
  return order;
}

}  // namespace tallinn::match
