#include "match/greedy.h"

namespace tallinn::match {

std::vector<int64_t> cover_greedily(const Instance& instance, const std::vector<uint32_t>& order,
                                    bool honour_indivisible, ClassNetwork* network) {
  std::vector<int64_t> covered(instance.needs.size(), 0);
  for (uint32_t i : order) {
    const Need& need = instance.needs[i];
    const int c = network->class_of_need(i);
    const int64_t room = network->room_upper_bound(c);
    if (room == 0) continue;
    if (need.divisible || !honour_indivisible) {
      covered[i] = network->push(c, need.amount_cents);
      continue;
    }
    if (room < need.amount_cents) continue;
    network->begin_tentative();
    const int64_t sent = network->push(c, need.amount_cents);
    if (sent == need.amount_cents) {
      network->commit();
      covered[i] = sent;
    } else {
      // The push fell short, so `sent` was all the room class c had.
      network->rollback();
      network->cap_room(c, sent);
    }
  }
  return covered;
}

}  // namespace tallinn::match
