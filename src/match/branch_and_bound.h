// Best-first branch and bound for indivisible needs, on the class network.
//
// A node fixes some indivisible needs (forced in full or excluded); its LP
// is the greedy of greedy.h, certified by certificate.h, so every bound the
// search reports is proven. The node branches on the first indivisible need,
// in value-density order, that its LP covers in part. Each node also runs
// the honouring greedy under its fixings, for incumbents.
//
// The search is limited by work (need visits), not by a clock, so it returns
// the same answer on every machine for the same instance and limit.
#pragma once

#include <cstdint>
#include <vector>

#include "core/status.h"
#include "match/class_network.h"
#include "match/greedy.h"
#include "match/instance.h"

namespace tallinn::match {

// How to rebuild an allocation: the fixings and whether the greedy honoured
// indivisibility.
struct CoverPlan {
  std::vector<Fixing> fixings;  // empty: all free
  bool honour_indivisible = true;
  uint64_t search_budget = UINT64_MAX;  // see cover_greedily
};

// The search budget of one heuristic run: `factor` scans of the needs and
// the class network.
inline uint64_t heuristic_search_budget(const Instance& instance, const ClassNetwork& network,
                                        uint64_t factor) {
  return factor * (instance.needs.size() + network.pair_count());
}

struct SearchOutcome {
  CoverPlan incumbent;
  double incumbent_objective = 0;
  double bound = 0;     // proven upper bound on the MIP optimum
  bool proven = false;  // the incumbent is optimal within `tolerance`
  uint64_t nodes = 0;
};

struct SearchLimits {
  uint64_t work = 0;     // need visits summed over node LPs and heuristics
  double tolerance = 0;  // relative: prune nodes within it of the incumbent
};

// Starts from the root LP's value `root_bound` and the incumbent `start`
// (with its objective). `network` is scratch, reset per node. Errors are
// internal: a node LP whose certificate failed.
Result<SearchOutcome> branch_and_bound(const Instance& instance, const std::vector<uint32_t>& order,
                                       double root_bound, CoverPlan start, double start_objective,
                                       const SearchLimits& limits, ClassNetwork* network);

}  // namespace tallinn::match
