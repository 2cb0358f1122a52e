// The polymatroid greedy: covering needs in value-density order, each as
// far as the network can carry, maximises the LP relaxation exactly (the
// coverage vectors form a polymatroid and the objective is linear). With
// needs forced in full first, it still does, on the contracted polymatroid;
// that is the LP of a branch-and-bound node. With indivisible needs honoured
// it is the first-fit heuristic of the MIP.
#pragma once

#include <cstdint>
#include <vector>

#include "match/class_network.h"
#include "match/instance.h"

namespace tallinn::match {

// A branch-and-bound decision on one need.
enum class Fixing : uint8_t {
  kFree,      // as the LP or the heuristic decides
  kForced,    // covered in full
  kExcluded,  // not covered at all
};

struct GreedyCover {
  std::vector<int64_t> covered;  // cents per need
  bool forced_fit = true;        // every kForced need is covered in full
};

// Covers needs on `network` (in its reset state): first the kForced ones,
// then the kFree ones in `order` (from order_by_value_density), each as far
// as it can. `fixings` is empty (all free) or has one entry per need. When
// `honour_indivisible`, a free indivisible need is covered in full or not at
// all; otherwise it is treated as divisible (and the result is the LP
// optimum).
//
// Trying an indivisible need that does not fit costs a search of the whole
// residual network; once the searches have scanned `search_budget` pairs,
// indivisible needs are only placed on budget their own offers still have.
// That keeps the heuristic linear; it stays feasible, only less thorough.
GreedyCover cover_greedily(const Instance& instance, const std::vector<uint32_t>& order,
                           const std::vector<Fixing>& fixings, bool honour_indivisible,
                           ClassNetwork* network, uint64_t search_budget = UINT64_MAX);

}  // namespace tallinn::match
