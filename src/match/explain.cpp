#include "match/explain.h"

#include <algorithm>

namespace tallinn::match {
namespace {

// The spent-out offers of one class, computed once per class.
struct BindingOffers {
  bool computed = false;
  std::vector<uint32_t> named;
  uint32_t count = 0;
};

const BindingOffers& binding_offers_of(const ClassNetwork& network, int c,
                                       std::vector<BindingOffers>* cache) {
  BindingOffers& binding = (*cache)[c];
  if (binding.computed) return binding;
  binding.computed = true;
  for (uint32_t j : network.eligible_offers(c)) {
    if (network.spare_budget(j) == 0) binding.named.push_back(j);
  }
  binding.count = static_cast<uint32_t>(binding.named.size());
  std::sort(binding.named.begin(), binding.named.end());
  if (binding.named.size() > kMaxNamedOffers) binding.named.resize(kMaxNamedOffers);
  return binding;
}

}  // namespace

Explanation explain(const Instance& instance, const ClassNetwork& network,
                    const std::vector<int64_t>& covered, const std::vector<Density>& offer_prices) {
  Explanation explanation;
  explanation.offers.reserve(instance.offers.size());
  for (uint32_t j = 0; j < instance.offers.size(); ++j) {
    explanation.offers.push_back({j, offer_prices[j].per_euro()});
  }
  std::vector<BindingOffers> cache(network.class_count());
  for (uint32_t i = 0; i < instance.needs.size(); ++i) {
    const Need& need = instance.needs[i];
    if (covered[i] == need.amount_cents) continue;
    const int c = network.class_of_need(i);
    UncoveredNeed uncovered{i, UncoveredReason::kOutbid, {}, 0};
    if (network.eligible_offers(c).empty()) {
      uncovered.reason = UncoveredReason::kNoEligibleOffer;
    } else if (!need.divisible) {
      uncovered.reason = UncoveredReason::kIndivisibleNoRoom;
    } else {
      const BindingOffers& binding = binding_offers_of(network, c, &cache);
      uncovered.binding_offers = binding.named;
      uncovered.binding_offer_count = binding.count;
    }
    explanation.needs.push_back(std::move(uncovered));
  }
  return explanation;
}

}  // namespace tallinn::match
