#include "match/certificate.h"

#include <algorithm>

namespace tallinn::match {
namespace {

// Primal feasibility, in integers: need coverage within amounts, class
// coverage equal to class inflow, offer outflow within budget.
std::string check_feasible(const Instance& instance, const ClassNetwork& network,
                           const std::vector<int64_t>& covered) {
  std::vector<int64_t> class_covered(network.class_count(), 0);
  for (uint32_t i = 0; i < instance.needs.size(); ++i) {
    if (covered[i] < 0 || covered[i] > instance.needs[i].amount_cents) {
      return "need " + instance.needs[i].id + " covered outside [0, amount]";
    }
    class_covered[network.class_of_need(i)] += covered[i];
  }
  std::vector<int64_t> offer_sent(network.offer_count(), 0);
  for (int c = 0; c < network.class_count(); ++c) {
    int64_t inflow = 0;
    const auto offers = network.eligible_offers(c);
    for (size_t k = 0; k < offers.size(); ++k) {
      if (network.flow_at(c, k) < 0) return "negative flow";
      inflow += network.flow_at(c, k);
      offer_sent[offers[k]] += network.flow_at(c, k);
    }
    if (inflow != class_covered[c]) return "class inflow differs from its coverage";
  }
  for (int j = 0; j < network.offer_count(); ++j) {
    if (offer_sent[j] + network.spare_budget(j) != instance.offers[j].budget_cents ||
        network.spare_budget(j) < 0) {
      return "offer " + instance.offers[j].id + " spends more than its budget";
    }
  }
  return {};
}

// u_j: the highest density of an unsaturated need reachable from offer j
// (arcs offer -> eligible class, class -> offer that feeds it). Classes are
// swept from the highest such density down with a backward search, so each
// offer is labelled once, by the best density that reaches it.
Fixing fixing_of(const std::vector<Fixing>& fixings, uint32_t need) {
  return fixings.empty() ? Fixing::kFree : fixings[need];
}

std::vector<Density> residual_prices(const Instance& instance, const ClassNetwork& network,
                                     const std::vector<int64_t>& covered,
                                     const std::vector<Fixing>& fixings) {
  const int classes = network.class_count();
  std::vector<Density> best(classes, Density::zero());
  for (uint32_t i = 0; i < instance.needs.size(); ++i) {
    if (covered[i] == instance.needs[i].amount_cents) continue;
    if (fixing_of(fixings, i) != Fixing::kFree) continue;
    const int c = network.class_of_need(i);
    const Density density = Density::of(instance.needs[i]);
    if (density > best[c]) best[c] = density;
  }
  std::vector<std::vector<int>> fed_by(network.offer_count());
  for (int c = 0; c < classes; ++c) {
    const auto offers = network.eligible_offers(c);
    for (size_t k = 0; k < offers.size(); ++k) {
      if (network.flow_at(c, k) > 0) fed_by[offers[k]].push_back(c);
    }
  }
  std::vector<int> sweep(classes);
  for (int c = 0; c < classes; ++c) sweep[c] = c;
  std::stable_sort(sweep.begin(), sweep.end(), [&](int a, int b) { return best[a] > best[b]; });

  std::vector<Density> price(network.offer_count(), Density::zero());
  std::vector<char> offer_done(network.offer_count(), 0);
  std::vector<char> class_done(classes, 0);
  std::vector<int> queue;
  for (int start : sweep) {
    if (best[start] == Density::zero()) break;
    if (class_done[start]) continue;
    class_done[start] = 1;
    queue.assign(1, start);
    for (size_t head = 0; head < queue.size(); ++head) {
      for (uint32_t j : network.eligible_offers(queue[head])) {
        if (offer_done[j]) continue;
        offer_done[j] = 1;
        price[j] = best[start];
        for (int fed : fed_by[j]) {
          if (class_done[fed]) continue;
          class_done[fed] = 1;
          queue.push_back(fed);
        }
      }
    }
  }
  return price;
}

std::string check_slackness(const Instance& instance, const ClassNetwork& network,
                            const std::vector<int64_t>& covered, const std::vector<Density>& price,
                            const std::vector<Fixing>& fixings) {
  for (int j = 0; j < network.offer_count(); ++j) {
    if (price[j] > Density::zero() && network.spare_budget(j) != 0) {
      return "offer " + instance.offers[j].id + " has a price but budget left";
    }
  }
  std::vector<Density> class_price(network.class_count(), Density::infinity());
  for (int c = 0; c < network.class_count(); ++c) {
    const auto offers = network.eligible_offers(c);
    for (uint32_t j : offers) class_price[c] = std::min(class_price[c], price[j]);
    for (size_t k = 0; k < offers.size(); ++k) {
      if (network.flow_at(c, k) > 0 && !(price[offers[k]] == class_price[c])) {
        return "offer " + instance.offers[offers[k]].id + " feeds a class below its price";
      }
    }
  }
  for (uint32_t i = 0; i < instance.needs.size(); ++i) {
    const Fixing fixing = fixing_of(fixings, i);
    if (fixing == Fixing::kExcluded && covered[i] != 0) {
      return "excluded need " + instance.needs[i].id + " is covered";
    }
    if (fixing == Fixing::kForced && covered[i] != instance.needs[i].amount_cents) {
      return "forced need " + instance.needs[i].id + " is not covered in full";
    }
    if (fixing != Fixing::kFree) continue;
    const Density density = Density::of(instance.needs[i]);
    const Density& pi = class_price[network.class_of_need(i)];
    if (covered[i] < instance.needs[i].amount_cents && density > pi) {
      return "need " + instance.needs[i].id + " is worth more than its price yet not covered";
    }
    if (covered[i] > 0 && density < pi) {
      return "need " + instance.needs[i].id + " is covered below its price";
    }
  }
  return {};
}

}  // namespace

LpCertificate certify_lp_optimum(const Instance& instance, const ClassNetwork& network,
                                 const std::vector<int64_t>& covered,
                                 const std::vector<Fixing>& fixings) {
  LpCertificate certificate;
  certificate.failure = check_feasible(instance, network, covered);
  if (!certificate.failure.empty()) return certificate;
  certificate.offer_prices = residual_prices(instance, network, covered, fixings);
  certificate.failure =
      check_slackness(instance, network, covered, certificate.offer_prices, fixings);
  certificate.proven = certificate.failure.empty();
  return certificate;
}

}  // namespace tallinn::match
