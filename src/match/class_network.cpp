#include "match/class_network.h"

#include <algorithm>
#include <limits>

namespace tallinn::match {
namespace {

constexpr int64_t kUnbounded = std::numeric_limits<int64_t>::max();

}  // namespace

ClassNetwork::ClassNetwork(const Instance& instance)
    : instance_(instance),
      offer_count_(static_cast<int>(instance.offers.size())),
      offer_words_((offer_count_ + 63) / 64),
      dense_class_(kClassCount, -1) {
  std::vector<int64_t> class_demand(kClassCount, 0);
  for (const Need& need : instance.needs) class_demand[need.class_id] += need.amount_cents;
  for (const Need& need : instance.needs) dense_class_[need.class_id] = 0;  // present
  for (int id = 0; id < kClassCount; ++id) {
    if (dense_class_[id] < 0) continue;
    dense_class_[id] = static_cast<int>(class_ids_.size());
    class_ids_.push_back(id);
  }
  const int classes = class_count();

  // An offer that accepts little demand is tried first, so that the broad
  // offers stay free for classes that have nowhere else to go; this only
  // shortens re-routing, the optimum does not depend on it.
  std::vector<int64_t> accepted_demand(offer_count_, 0);
  first_pair_.assign(1, 0);
  for (int c = 0; c < classes; ++c) {
    for (int j = 0; j < offer_count_; ++j) {
      if (!instance.offers[j].accepts(class_ids_[c])) continue;
      eligible_.push_back(j);
      accepted_demand[j] += class_demand[class_ids_[c]];
    }
    first_pair_.push_back(static_cast<uint32_t>(eligible_.size()));
  }
  for (int c = 0; c < classes; ++c) {
    std::stable_sort(
        eligible_.begin() + first_pair_[c], eligible_.begin() + first_pair_[c + 1],
        [&](uint32_t a, uint32_t b) { return accepted_demand[a] < accepted_demand[b]; });
  }

  reset();
  offer_seen_.assign(offer_words_, 0);
  class_seen_epoch_.assign(classes, 0);
  offer_parent_class_.assign(offer_count_, 0);
  offer_parent_pair_.assign(offer_count_, 0);
  class_parent_pair_.assign(classes, 0);
}

void ClassNetwork::reset() {
  const int classes = class_count();
  flow_.assign(eligible_.size(), 0);
  listed_.assign(eligible_.size(), 0);
  fed_classes_.assign(offer_count_, {});
  spare_.resize(offer_count_);
  for (int j = 0; j < offer_count_; ++j) spare_[j] = instance_.offers[j].budget_cents;
  room_.assign(classes, kUnbounded);
  for (int c = 0; c < classes; ++c) {
    if (first_pair_[c] == first_pair_[c + 1]) room_[c] = 0;
  }
  cursor_.assign(classes, 0);
  cached_path_.assign(classes, {});
  dead_offers_.assign(offer_words_, 0);
  search_work_ = 0;
  tentative_ = false;
  journal_.clear();
}

int64_t ClassNetwork::flow(int c, uint32_t offer) const {
  const std::span<const uint32_t> offers = eligible_offers(c);
  const auto found = std::find(offers.begin(), offers.end(), offer);
  return found == offers.end() ? 0 : flow_at(c, found - offers.begin());
}

void ClassNetwork::set_flow(int c, uint32_t pair, int64_t value) {
  if (tentative_) {
    journal_.push_back({Change::kFlow, pair, flow_[pair]});
    tentative_flow_changed_ = true;
  }
  flow_[pair] = value;
  if (value > 0 && !listed_[pair]) {
    listed_[pair] = 1;
    fed_classes_[eligible_[pair]].push_back({c, pair});
  }
}

void ClassNetwork::set_spare(uint32_t offer, int64_t value) {
  if (tentative_) journal_.push_back({Change::kSpare, offer, spare_[offer]});
  spare_[offer] = value;
}

void ClassNetwork::set_room(int c, int64_t value) {
  if (tentative_) journal_.push_back({Change::kRoom, static_cast<uint64_t>(c), room_[c]});
  room_[c] = value;
}

void ClassNetwork::set_cursor(int c, uint32_t value) {
  if (tentative_) journal_.push_back({Change::kCursor, static_cast<uint64_t>(c), cursor_[c]});
  cursor_[c] = value;
}

void ClassNetwork::begin_tentative() {
  tentative_ = true;
  tentative_flow_changed_ = false;
  journal_.clear();
}

void ClassNetwork::commit() {
  tentative_ = false;
  journal_.clear();
}

void ClassNetwork::rollback() {
  tentative_ = false;
  for (auto change = journal_.rbegin(); change != journal_.rend(); ++change) {
    switch (change->kind) {
      case Change::kFlow:
        flow_[change->index] = change->old_value;
        break;
      case Change::kSpare:
        spare_[change->index] = change->old_value;
        break;
      case Change::kRoom:
        room_[change->index] = change->old_value;
        break;
      case Change::kCursor:
        cursor_[change->index] = static_cast<uint32_t>(change->old_value);
        break;
    }
  }
  journal_.clear();
}

int64_t ClassNetwork::push(int c, int64_t want, bool reroute) {
  want = std::min(want, room_[c]);
  int64_t sent = 0;
  bool saturated = false;
  std::vector<Hop> path;
  while (sent < want) {
    const int64_t direct = push_direct(c, want - sent);
    if (direct > 0) {
      sent += direct;
      continue;
    }
    if (!reroute) return sent;
    std::vector<Hop>& cached = cached_path_[c];
    int64_t capacity = cached.empty() ? 0 : path_capacity(cached);
    if (capacity == 0) {
      if (!find_path(c, &path)) {
        saturated = true;
        break;
      }
      cached = path;
      capacity = path_capacity(cached);
    }
    const int64_t amount = std::min(capacity, want - sent);
    augment(cached, amount);
    sent += amount;
  }
  if (!saturated && room_[c] != kUnbounded) set_room(c, room_[c] - sent);
  return sent;
}

void ClassNetwork::cap_room(int c, int64_t room) {
  if (room < room_[c]) set_room(c, room);
}

int64_t ClassNetwork::push_direct(int c, int64_t want) {
  const uint32_t first = first_pair_[c], end = first_pair_[c + 1];
  uint32_t pair = first + cursor_[c];
  while (pair < end && spare_[eligible_[pair]] == 0) ++pair;
  if (pair != first + cursor_[c]) set_cursor(c, pair - first);
  if (pair == end) return 0;
  const uint32_t offer = eligible_[pair];
  const int64_t amount = std::min(want, spare_[offer]);
  set_spare(offer, spare_[offer] - amount);
  set_flow(c, pair, flow_[pair] + amount);
  return amount;
}

int64_t ClassNetwork::path_capacity(const std::vector<Hop>& path) const {
  // path[0] ends at the offer with budget left; every later hop re-routes
  // flow its offer sent to the previous hop's class.
  int64_t capacity = spare_[eligible_[path[0].pair]];
  for (size_t t = 1; t < path.size() && capacity > 0; ++t) {
    capacity = std::min(capacity, flow_[path[t].reroute_pair]);
  }
  return capacity;
}

void ClassNetwork::augment(const std::vector<Hop>& path, int64_t amount) {
  const uint32_t end_offer = eligible_[path[0].pair];
  set_spare(end_offer, spare_[end_offer] - amount);
  for (size_t t = 0; t < path.size(); ++t) {
    set_flow(path[t].c, path[t].pair, flow_[path[t].pair] + amount);
    if (t > 0) {
      set_flow(path[t - 1].c, path[t].reroute_pair, flow_[path[t].reroute_pair] - amount);
    }
  }
}

void ClassNetwork::build_path(int c, uint32_t found_offer, std::vector<Hop>* path) const {
  path->clear();
  uint32_t offer = found_offer;
  uint32_t reroute_pair = 0;
  for (;;) {
    const int at_class = offer_parent_class_[offer];
    path->push_back({at_class, offer_parent_pair_[offer], reroute_pair});
    if (at_class == c) return;
    reroute_pair = class_parent_pair_[at_class];
    offer = eligible_[reroute_pair];
  }
}

bool ClassNetwork::find_path(int c, std::vector<Hop>* path) {
  ++epoch_;
  offer_seen_ = dead_offers_;
  queue_.clear();
  queue_.push_back(c);
  class_seen_epoch_[c] = epoch_;
  for (size_t head = 0; head < queue_.size(); ++head) {
    const int x = queue_[head];
    search_work_ += first_pair_[x + 1] - first_pair_[x] + 1;
    for (uint32_t pair = first_pair_[x]; pair < first_pair_[x + 1]; ++pair) {
      const uint32_t offer = eligible_[pair];
      uint64_t& seen_word = offer_seen_[offer / 64];
      const uint64_t bit = uint64_t{1} << (offer % 64);
      if (seen_word & bit) continue;
      seen_word |= bit;
      offer_parent_class_[offer] = x;
      offer_parent_pair_[offer] = pair;
      if (spare_[offer] > 0) {
        build_path(c, offer, path);
        return true;
      }
      std::vector<FedClass>& fed = fed_classes_[offer];
      size_t kept = 0;
      for (const FedClass& entry : fed) {
        if (flow_[entry.pair] == 0 && !tentative_) {
          listed_[entry.pair] = 0;
          continue;
        }
        fed[kept++] = entry;
        // A saturated class reaches no offer with budget: no need to look.
        const int y = entry.c;
        if (flow_[entry.pair] == 0 || class_seen_epoch_[y] == epoch_ || room_[y] == 0) continue;
        class_seen_epoch_[y] = epoch_;
        class_parent_pair_[y] = entry.pair;
        queue_.push_back(y);
      }
      fed.resize(kept);
    }
  }
  for (int x : queue_) {
    set_room(x, 0);
    // Whatever a saturated class reaches has no budget left, now and later
    // (saturation is permanent), so later searches skip those offers. Not
    // recorded on a tentative flow that rollback may undo.
    if (tentative_ && tentative_flow_changed_) continue;
    for (uint32_t pair = first_pair_[x]; pair < first_pair_[x + 1]; ++pair) {
      dead_offers_[eligible_[pair] / 64] |= uint64_t{1} << (eligible_[pair] % 64);
    }
  }
  return false;
}

}  // namespace tallinn::match
