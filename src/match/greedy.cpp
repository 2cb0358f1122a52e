#include "match/greedy.h"

namespace tallinn::match {
namespace {

// Covers indivisible need i in full or leaves the network as it was.
bool cover_in_full(const Need& need, int c, bool reroute, ClassNetwork* network) {
  if (network->room_upper_bound(c) < need.amount_cents) return false;
  network->begin_tentative();
  const int64_t sent = network->push(c, need.amount_cents, reroute);
  if (sent == need.amount_cents) {
    network->commit();
    return true;
  }
  network->rollback();
  // A full push that fell short measured all the room class c had.
  if (reroute) network->cap_room(c, sent);
  return false;
}

}  // namespace

GreedyCover cover_greedily(const Instance& instance, const std::vector<uint32_t>& order,
                           const std::vector<Fixing>& fixings, bool honour_indivisible,
                           ClassNetwork* network, uint64_t search_budget) {
  GreedyCover result;
  const uint64_t search_start = network->search_work();
  result.covered.assign(instance.needs.size(), 0);
  auto fixing = [&](uint32_t i) { return fixings.empty() ? Fixing::kFree : fixings[i]; };
  for (uint32_t i : order) {
    if (fixing(i) != Fixing::kForced) continue;
    const Need& need = instance.needs[i];
    const int64_t sent = network->push(network->class_of_need(i), need.amount_cents);
    result.covered[i] = sent;
    if (sent < need.amount_cents) {
      result.forced_fit = false;
      return result;
    }
  }
  for (uint32_t i : order) {
    if (fixing(i) != Fixing::kFree) continue;
    const Need& need = instance.needs[i];
    const int c = network->class_of_need(i);
    if (network->room_upper_bound(c) == 0) continue;
    if (need.divisible || !honour_indivisible) {
      result.covered[i] = network->push(c, need.amount_cents);
    } else if (cover_in_full(need, c, network->search_work() - search_start < search_budget,
                             network)) {
      result.covered[i] = need.amount_cents;
    }
  }
  return result;
}

}  // namespace tallinn::match
