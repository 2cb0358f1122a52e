#include "match/branch_and_bound.h"

#include <cmath>
#include <queue>

#include "match/certificate.h"
#include "match/solve.h"

namespace tallinn::match {
namespace {

struct Node {
  double bound;       // the parent's LP value
  uint64_t sequence;  // creation order: ties go to the older node
  std::vector<uint32_t> forced;
  std::vector<uint32_t> excluded;
};

struct WorseFirstInQueue {
  bool operator()(const Node& a, const Node& b) const {
    if (a.bound != b.bound) return a.bound < b.bound;
    return a.sequence > b.sequence;
  }
};

// The first need in `order` that is indivisible and covered in part.
int64_t first_fractional(const Instance& instance, const std::vector<uint32_t>& order,
                         const std::vector<int64_t>& covered) {
  for (uint32_t i : order) {
    const Need& need = instance.needs[i];
    if (!need.divisible && covered[i] != 0 && covered[i] != need.amount_cents) return i;
  }
  return -1;
}

}  // namespace

Result<SearchOutcome> branch_and_bound(const Instance& instance, const std::vector<uint32_t>& order,
                                       double root_bound, CoverPlan start, double start_objective,
                                       const SearchLimits& limits, ClassNetwork* network) {
  SearchOutcome outcome;
  outcome.incumbent = std::move(start);
  outcome.incumbent_objective = start_objective;
  auto within_tolerance = [&](double bound) {
    return bound - outcome.incumbent_objective <=
           limits.tolerance * std::max(1.0, std::abs(outcome.incumbent_objective));
  };

  std::priority_queue<Node, std::vector<Node>, WorseFirstInQueue> open;
  uint64_t sequence = 0;
  open.push({root_bound, sequence++, {}, {}});
  // Heuristics at nodes may search less than the root's first fit: the tree
  // is where the time goes.
  const uint64_t node_search_budget = heuristic_search_budget(instance, *network, 4);
  uint64_t work = 0;
  std::vector<Fixing> fixings(instance.needs.size(), Fixing::kFree);

  while (!open.empty() && !within_tolerance(open.top().bound) && work < limits.work) {
    Node node = open.top();
    open.pop();
    ++outcome.nodes;
    work += 2 * instance.needs.size() + network->pair_count() + 1;
    for (uint32_t i : node.forced) fixings[i] = Fixing::kForced;
    for (uint32_t i : node.excluded) fixings[i] = Fixing::kExcluded;

    network->reset();
    GreedyCover relaxed = cover_greedily(instance, order, fixings, false, network);
    work += network->search_work();
    int64_t branch_need = -1;
    double value = 0;
    if (relaxed.forced_fit) {
      if (!certify_lp_optimum(instance, *network, relaxed.covered, fixings).proven) {
        return internal_error();
      }
      value = objective_of(instance, relaxed.covered);
      branch_need = first_fractional(instance, order, relaxed.covered);
      if (branch_need < 0 && value > outcome.incumbent_objective) {
        outcome.incumbent = {fixings, false, UINT64_MAX};
        outcome.incumbent_objective = value;
      }
      if (branch_need >= 0 && !within_tolerance(value)) {
        network->reset();
        GreedyCover heuristic =
            cover_greedily(instance, order, fixings, true, network, node_search_budget);
        work += network->search_work();
        const double heuristic_value = objective_of(instance, heuristic.covered);
        if (heuristic.forced_fit && heuristic_value > outcome.incumbent_objective) {
          outcome.incumbent = {fixings, true, node_search_budget};
          outcome.incumbent_objective = heuristic_value;
        }
      }
    }
    for (uint32_t i : node.forced) fixings[i] = Fixing::kFree;
    for (uint32_t i : node.excluded) fixings[i] = Fixing::kFree;
    if (branch_need < 0 || within_tolerance(value)) continue;

    Node force{value, sequence++, node.forced, node.excluded};
    force.forced.push_back(static_cast<uint32_t>(branch_need));
    node.excluded.push_back(static_cast<uint32_t>(branch_need));
    open.push(std::move(force));
    open.push({value, sequence++, std::move(node.forced), std::move(node.excluded)});
  }

  outcome.bound = outcome.incumbent_objective;
  if (!open.empty()) outcome.bound = std::max(outcome.bound, open.top().bound);
  outcome.proven = open.empty() || within_tolerance(open.top().bound);
  return outcome;
}

}  // namespace tallinn::match
