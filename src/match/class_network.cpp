#include "match/class_network.h"

#include <algorithm>
#include <bit>
#include <limits>
#include <numeric>

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
  for (const Need& need : instance.needs) {
    if (dense_class_[need.class_id] < 0) {
      dense_class_[need.class_id] = 0;  // marks presence; numbered below in class order
    }
  }
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
  eligible_.resize(classes);
  eligible_bits_.assign(static_cast<size_t>(classes) * offer_words_, 0);
  for (int c = 0; c < classes; ++c) {
    for (int j = 0; j < offer_count_; ++j) {
      if (!instance.offers[j].accepts(class_ids_[c])) continue;
      eligible_[c].push_back(j);
      eligible_bits_[static_cast<size_t>(c) * offer_words_ + j / 64] |= uint64_t{1} << (j % 64);
      accepted_demand[j] += class_demand[class_ids_[c]];
    }
  }
  for (auto& offers : eligible_) {
    std::stable_sort(offers.begin(), offers.end(), [&](uint32_t a, uint32_t b) {
      return accepted_demand[a] < accepted_demand[b];
    });
  }

  reset();
  offer_seen_.assign(offer_words_, 0);
  class_seen_epoch_.assign(classes, 0);
  offer_parent_.assign(offer_count_, 0);
  class_parent_.assign(classes, 0);
}

void ClassNetwork::reset() {
  const int classes = class_count();
  flow_.assign(static_cast<size_t>(classes) * offer_count_, 0);
  listed_.assign(flow_.size(), 0);
  fed_classes_.assign(offer_count_, {});
  spare_.resize(offer_count_);
  for (int j = 0; j < offer_count_; ++j) spare_[j] = instance_.offers[j].budget_cents;
  room_.assign(classes, kUnbounded);
  for (int c = 0; c < classes; ++c) {
    if (eligible_[c].empty()) room_[c] = 0;
  }
  cursor_.assign(classes, 0);
  cached_path_.assign(classes, {});
  dead_offers_.assign(offer_words_, 0);
  tentative_ = false;
  journal_.clear();
}

void ClassNetwork::set_flow(int c, uint32_t offer, int64_t value) {
  const size_t index = flow_index(c, offer);
  if (tentative_) journal_.push_back({Change::kFlow, index, flow_[index]});
  flow_[index] = value;
  if (value > 0 && !listed_[index]) {
    listed_[index] = 1;
    fed_classes_[offer].push_back(c);
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

int64_t ClassNetwork::push(int c, int64_t want) {
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
  const std::vector<uint32_t>& offers = eligible_[c];
  uint32_t position = cursor_[c];
  while (position < offers.size() && spare_[offers[position]] == 0) ++position;
  if (position != cursor_[c]) set_cursor(c, position);
  if (position == offers.size()) return 0;
  const uint32_t offer = offers[position];
  const int64_t amount = std::min(want, spare_[offer]);
  set_spare(offer, spare_[offer] - amount);
  set_flow(c, offer, flow(c, offer) + amount);
  return amount;
}

int64_t ClassNetwork::path_capacity(const std::vector<Hop>& path) const {
  // path[0] ends at the offer with budget left; path[t] for t >= 1 re-routes
  // flow that path[t].offer sent to path[t-1].c.
  int64_t capacity = spare_[path[0].offer];
  for (size_t t = 1; t < path.size() && capacity > 0; ++t) {
    capacity = std::min(capacity, flow(path[t - 1].c, path[t].offer));
  }
  return capacity;
}

void ClassNetwork::augment(const std::vector<Hop>& path, int64_t amount) {
  set_spare(path[0].offer, spare_[path[0].offer] - amount);
  for (size_t t = 0; t < path.size(); ++t) {
    set_flow(path[t].c, path[t].offer, flow(path[t].c, path[t].offer) + amount);
    if (t > 0) set_flow(path[t - 1].c, path[t].offer, flow(path[t - 1].c, path[t].offer) - amount);
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
    const uint64_t* eligible = &eligible_bits_[static_cast<size_t>(x) * offer_words_];
    for (int word = 0; word < offer_words_; ++word) {
      uint64_t fresh = eligible[word] & ~offer_seen_[word];
      offer_seen_[word] |= fresh;
      for (; fresh != 0; fresh &= fresh - 1) {
        const uint32_t offer = word * 64 + std::countr_zero(fresh);
        offer_parent_[offer] = x;
        if (spare_[offer] > 0) {
          path->clear();
          uint32_t at_offer = offer;
          for (int at_class = x;; at_class = static_cast<int>(offer_parent_[at_offer])) {
            path->push_back({at_class, at_offer});
            if (at_class == c) break;
            at_offer = class_parent_[at_class];
          }
          return true;
        }
        std::vector<int>& fed = fed_classes_[offer];
        size_t kept = 0;
        for (int y : fed) {
          if (flow(y, offer) == 0) {
            if (!tentative_) {
              listed_[flow_index(y, offer)] = 0;
              continue;
            }
          }
          fed[kept++] = y;
          // A saturated class reaches no offer with budget: no need to look.
          if (flow(y, offer) == 0 || class_seen_epoch_[y] == epoch_ || room_[y] == 0) continue;
          class_seen_epoch_[y] = epoch_;
          class_parent_[y] = offer;
          queue_.push_back(y);
        }
        fed.resize(kept);
      }
    }
  }
  for (int x : queue_) {
    set_room(x, 0);
    // Whatever a saturated class reaches has no budget left, now and later
    // (saturation is permanent), so later searches skip those offers. Not
    // recorded while tentative: rollback would have to undo it.
    if (tentative_) continue;
    const uint64_t* eligible = &eligible_bits_[static_cast<size_t>(x) * offer_words_];
    for (int word = 0; word < offer_words_; ++word) dead_offers_[word] |= eligible[word];
  }
  return false;
}

}  // namespace tallinn::match
