#include "match/disaggregate.h"

#include <algorithm>
#include <tuple>

namespace tallinn::match {

std::vector<Allocation> disaggregate(const Instance& instance, const ClassNetwork& network,
                                     const std::vector<uint32_t>& order,
                                     const std::vector<int64_t>& covered) {
  // Covered needs grouped by class, each group in `order`.
  std::vector<uint32_t> group_start(network.class_count() + 1, 0);
  for (uint32_t i : order) {
    if (covered[i] > 0) ++group_start[network.class_of_need(i) + 1];
  }
  for (int c = 0; c < network.class_count(); ++c) group_start[c + 1] += group_start[c];
  std::vector<uint32_t> grouped(group_start.back());
  std::vector<uint32_t> fill(group_start.begin(), group_start.end() - 1);
  for (uint32_t i : order) {
    if (covered[i] > 0) grouped[fill[network.class_of_need(i)]++] = i;
  }

  std::vector<Allocation> allocations;
  allocations.reserve(grouped.size() + network.offer_count());
  for (int c = 0; c < network.class_count(); ++c) {
    uint32_t next_need = group_start[c];
    int64_t need_left = next_need < group_start[c + 1] ? covered[grouped[next_need]] : 0;
    const auto offers = network.eligible_offers(c);
    for (size_t k = 0; k < offers.size(); ++k) {
      const uint32_t j = offers[k];
      int64_t offer_left = network.flow_at(c, k);
      while (offer_left > 0 && next_need < group_start[c + 1]) {
        const int64_t amount = std::min(offer_left, need_left);
        allocations.push_back({grouped[next_need], j, amount});
        offer_left -= amount;
        need_left -= amount;
        if (need_left == 0 && ++next_need < group_start[c + 1]) {
          need_left = covered[grouped[next_need]];
        }
      }
    }
  }
  std::sort(allocations.begin(), allocations.end(), [](const Allocation& a, const Allocation& b) {
    return std::tie(a.need, a.offer) < std::tie(b.need, b.offer);
  });
  return allocations;
}

Result<std::vector<int64_t>> verify_allocations(const Instance& instance,
                                                const std::vector<Allocation>& allocations) {
  std::vector<int64_t> covered(instance.needs.size(), 0);
  std::vector<int64_t> spent(instance.offers.size(), 0);
  for (const Allocation& allocation : allocations) {
    const Need& need = instance.needs[allocation.need];
    if (allocation.amount_cents <= 0 || !instance.offers[allocation.offer].accepts(need.class_id)) {
      return internal_error();
    }
    covered[allocation.need] += allocation.amount_cents;
    spent[allocation.offer] += allocation.amount_cents;
  }
  for (size_t i = 0; i < covered.size(); ++i) {
    const Need& need = instance.needs[i];
    if (covered[i] > need.amount_cents) return internal_error();
    if (!need.divisible && covered[i] != 0 && covered[i] != need.amount_cents)
      return internal_error();
  }
  for (size_t j = 0; j < spent.size(); ++j) {
    if (spent[j] > instance.offers[j].budget_cents) return internal_error();
  }
  return covered;
}

}  // namespace tallinn::match
