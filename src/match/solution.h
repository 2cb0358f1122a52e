// What the engine returns: the allocation, its value, a proven bound and,
// on request, the explanation of matching.md's `--explain`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tallinn::match {

struct SolveOptions {
  // Wall-clock budget for closing the gap on indivisible instances. The
  // engine's answer does not depend on it beyond a deterministic work limit
  // derived from it (see solve.h).
  double time_limit_seconds = 10.0;
  bool explain = false;
};

enum class SolveStatus { kOptimal, kFeasible };

// `need` and `offer` index Instance::needs / Instance::offers.
struct Allocation {
  uint32_t need = 0;
  uint32_t offer = 0;
  int64_t amount_cents = 0;  // > 0
};

enum class UncoveredReason {
  kNoEligibleOffer,    // no offer accepts the need's class
  kOutbid,             // every offer it may use is spent on higher-value needs
  kIndivisibleNoRoom,  // indivisible, and no room for all of it was found
};

struct OfferPrice {
  uint32_t offer = 0;
  // Objective gained per extra euro of this offer's budget: the dual of its
  // budget row in the LP relaxation.
  double shadow_price = 0;
};

struct UncoveredNeed {
  uint32_t need = 0;
  UncoveredReason reason = UncoveredReason::kOutbid;
  // For kOutbid: the eligible offers whose budget is exhausted (at most
  // kMaxNamedOffers of them, lowest index first), and how many there are.
  std::vector<uint32_t> binding_offers;
  uint32_t binding_offer_count = 0;
};

inline constexpr uint32_t kMaxNamedOffers = 16;

struct Explanation {
  std::vector<OfferPrice> offers;    // one per offer, in input order
  std::vector<UncoveredNeed> needs;  // needs not fully covered, in input order
};

struct Solution {
  SolveStatus status = SolveStatus::kOptimal;
  double objective = 0;
  double bound = 0;                     // >= objective; == objective when optimal
  std::vector<Allocation> allocations;  // sorted by (need, offer)
  bool has_explanation = false;
  Explanation explanation;
};

}  // namespace tallinn::match
