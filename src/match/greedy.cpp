#include "match/greedy.h"

namespace tallinn::match {
namespace {

// Covers indivisible need i in full or leaves the network as it was.
bool cover_in_full(const Need& need, int c, ClassNetwork* network) {
  if (network->room_upper_bound(c) < need.amount_cents) return false;
  network->begin_tentative();
  const int64_t sent = network->push(c, need.amount_cents);
  if (sent == need.amount_cents) {
    network->commit();
    return true;
  }
  // The push fell short, so `sent` was all the room class c had.
  network->rollback();
  network->cap_room(c, sent);
  return false;
}

}  // namespace

GreedyCover cover_greedily(const Instance& instance, const std::vector<uint32_t>& order,
                           const std::vector<Fixing>& fixings, bool honour_indivisible,
                           ClassNetwork* network) {
  GreedyCover result;
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
    } else if (cover_in_full(need, c, network)) {
      result.covered[i] = need.amount_cents;
    }
  }
  return result;
}

}  // namespace tallinn::match
