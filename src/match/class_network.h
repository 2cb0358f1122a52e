// The class-level transportation network: offers -> classes, and a flow on
// it that stays a maximum flow for the demands pushed so far.
//
// The set of coverage vectors y reachable by some allocation is a
// polymatroid, and needs of one class are interchangeable for eligibility.
// So the engine never builds the need x offer edge list: it keeps one flow
// value per (class, offer) pair, and grows the flow into a class on request,
// re-routing existing flow along residual paths offer -> class -> offer when
// no eligible offer has budget left (Ford-Fulkerson on a graph of at most
// 3,888 + |offers| nodes).
//
// Not thread-safe. Memory: one int64 per eligible (present class, offer) pair.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "match/instance.h"

namespace tallinn::match {

class ClassNetwork {
 public:
  // Builds the classes that have at least one need and their eligible
  // offers. `instance` must outlive the network.
  explicit ClassNetwork(const Instance& instance);

  // Back to no flow at all, as right after construction.
  void reset();

  int class_count() const { return static_cast<int>(class_ids_.size()); }
  int offer_count() const { return offer_count_; }
  // Dense index (0 .. class_count) of the class of need `need`.
  int class_of_need(uint32_t need) const { return dense_class_[instance_.needs[need].class_id]; }
  // The offers that accept dense class `c`, most specific offer first.
  std::span<const uint32_t> eligible_offers(int c) const {
    return {eligible_.data() + first_pair_[c], eligible_.data() + first_pair_[c + 1]};
  }
  // Flow into class c from its k-th eligible offer.
  int64_t flow_at(int c, size_t k) const { return flow_[first_pair_[c] + k]; }
  // Flow into class c from `offer` (0 when not eligible); linear in the
  // number of eligible offers, for tests and diagnostics.
  int64_t flow(int c, uint32_t offer) const;
  int64_t spare_budget(uint32_t offer) const { return spare_[offer]; }
  size_t pair_count() const { return eligible_.size(); }

  // Sends up to `want` cents more into class c, re-routing as needed, and
  // returns how much it sent (less than `want` only when the network cannot
  // carry more into c: the flow stays maximum). With `reroute` false it only
  // uses budget left on c's own offers: cheap, but then falling short says
  // nothing about the room left, and the flow is no longer known maximum.
  int64_t push(int c, int64_t want, bool reroute = true);

  // An upper bound on how much more push(c, .) can send (exact right after
  // a push that fell short). Zero means the class is saturated for good:
  // pushing into other classes never makes room for it again.
  int64_t room_upper_bound(int c) const { return room_[c]; }
  // Lowers that bound to `room` (known from a push that fell short and was
  // rolled back).
  void cap_room(int c, int64_t room);

  // Between begin_tentative() and rollback(), every change is journaled so
  // that rollback() restores the state as it was at begin_tentative();
  // commit() keeps the changes. Used to try an indivisible need.
  void begin_tentative();
  void commit();
  void rollback();

  // Eligible pairs scanned by re-routing searches since reset(): a deterministic
  // measure of work for branch and bound's limit.
  uint64_t search_work() const { return search_work_; }

 private:
  // A pair is an eligible (class, offer); pairs are numbered class by class
  // in eligibility order, and flows are stored per pair only.
  struct Hop {
    int c;                  // class receiving more
    uint32_t pair;          // (c, offer that sends more)
    uint32_t reroute_pair;  // (previous hop's class, this offer): sends less
  };
  struct FedClass {
    int c;
    uint32_t pair;
  };
  struct Change {
    enum Kind : uint8_t { kFlow, kSpare, kRoom, kCursor } kind;
    uint64_t index;
    int64_t old_value;
  };

  void set_flow(int c, uint32_t pair, int64_t value);
  void set_spare(uint32_t offer, int64_t value);
  void set_room(int c, int64_t value);
  void set_cursor(int c, uint32_t value);

  int64_t push_direct(int c, int64_t want);
  int64_t path_capacity(const std::vector<Hop>& path) const;
  void augment(const std::vector<Hop>& path, int64_t amount);
  // Breadth-first search for a residual path from an offer with budget left
  // to class c. On failure marks every class it reached as saturated.
  bool find_path(int c, std::vector<Hop>* path);
  void build_path(int c, uint32_t found_offer, std::vector<Hop>* path) const;

  const Instance& instance_;
  int offer_count_;
  int offer_words_;                   // 64-bit words per offer bitset
  std::vector<int> class_ids_;        // dense -> vocabulary class
  std::vector<int> dense_class_;      // vocabulary class -> dense, -1 if absent
  std::vector<uint32_t> first_pair_;  // class -> its first pair; class_count + 1 entries
  std::vector<uint32_t> eligible_;    // pair -> offer
  std::vector<int64_t> flow_;         // pair -> flow
  std::vector<uint8_t> listed_;       // pair is in fed_classes_ of its offer
  std::vector<std::vector<FedClass>> fed_classes_;  // offer -> classes it may feed
  std::vector<int64_t> spare_;
  std::vector<int64_t> room_;
  std::vector<uint32_t> cursor_;  // first eligible position maybe with budget
  std::vector<std::vector<Hop>> cached_path_;
  std::vector<uint64_t> dead_offers_;  // reachable from a saturated class

  // Search scratch, reused across calls.
  std::vector<uint64_t> offer_seen_;
  std::vector<uint32_t> class_seen_epoch_;
  std::vector<int> offer_parent_class_;  // class an offer was reached from
  std::vector<uint32_t> offer_parent_pair_;
  std::vector<uint32_t> class_parent_pair_;  // (class, offer it was reached from)
  std::vector<int> queue_;
  uint32_t epoch_ = 0;

  bool tentative_ = false;
  bool tentative_flow_changed_ = false;
  std::vector<Change> journal_;
  uint64_t search_work_ = 0;
};

}  // namespace tallinn::match
