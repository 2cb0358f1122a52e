#include "match/solve.h"

#include <cmath>
#include <limits>

#include "match/branch_and_bound.h"
#include "match/certificate.h"
#include "match/class_network.h"
#include "match/disaggregate.h"
#include "match/explain.h"
#include "match/greedy.h"
#include "match/value_density.h"

namespace tallinn::match {
namespace {

constexpr double kOptimalityTolerance = 1e-9;  // matching.md, relative
// Branch-and-bound work (need visits) granted per second of --time-limit;
// measured on the 2-core reference machine (bench/RESULTS.md), so that the
// search ends within the limit while its answer depends on no clock.
constexpr double kWorkPerSecond = 2.5e7;

bool honours_indivisibility(const Instance& instance, const std::vector<int64_t>& covered) {
  for (size_t i = 0; i < covered.size(); ++i) {
    const Need& need = instance.needs[i];
    if (!need.divisible && covered[i] != 0 && covered[i] != need.amount_cents) return false;
  }
  return true;
}

// The LP value, rounded up past any error of its floating-point sum (a few
// ulps of a sum of at most a million terms of one ulp each), so that it
// stays a proven upper bound.
double upper_bound_of(double lp_objective) {
  const double slack = std::abs(lp_objective) * 1e-13;
  return std::nextafter(lp_objective + slack, std::numeric_limits<double>::infinity());
}

// Allocations, their independent re-check, objective, status and, when
// asked, the explanation (with the root LP's prices).
Result<Solution> finish(const Instance& instance, const ClassNetwork& network,
                        const std::vector<uint32_t>& order, const std::vector<int64_t>& covered,
                        const LpCertificate& certificate, const SolveOptions& options,
                        Solution solution) {
  if (options.explain) {
    solution.has_explanation = true;
    solution.explanation = explain(instance, network, covered, certificate.offer_prices);
  }
  solution.allocations = disaggregate(instance, network, order, covered);
  TALLINN_ASSIGN_OR_RETURN(std::vector<int64_t> rechecked,
                           verify_allocations(instance, solution.allocations));
  if (rechecked != covered) return internal_error();
  solution.objective = objective_of(instance, covered);
  const double gap = solution.bound - solution.objective;
  if (gap <= kOptimalityTolerance * std::max(1.0, std::abs(solution.objective))) {
    solution.status = SolveStatus::kOptimal;
    solution.bound = solution.objective;
  } else {
    solution.status = SolveStatus::kFeasible;
  }
  return solution;
}

}  // namespace

double objective_of(const Instance& instance, const std::vector<int64_t>& covered) {
  int64_t full_weight = 0;
  long double partial = 0;
  for (size_t i = 0; i < covered.size(); ++i) {
    if (covered[i] == 0) continue;
    const Need& need = instance.needs[i];
    const int64_t weight = priority_weight(need.priority);
    if (covered[i] == need.amount_cents) {
      full_weight += weight;
    } else {
      partial += static_cast<long double>(weight) * covered[i] / need.amount_cents;
    }
  }
  return static_cast<double>(static_cast<long double>(full_weight) + partial);
}

Result<Solution> solve(const Instance& instance, const SolveOptions& options) {
  const std::vector<uint32_t> order = order_by_value_density(instance);
  ClassNetwork network(instance);
  const std::vector<int64_t> relaxed =
      cover_greedily(instance, order, {}, /*honour_indivisible=*/false, &network).covered;
  const LpCertificate certificate = certify_lp_optimum(instance, network, relaxed, {});
  if (!certificate.proven) return internal_error();
  const double lp_objective = objective_of(instance, relaxed);

  Solution solution;
  if (honours_indivisibility(instance, relaxed)) {
    // The LP optimum is itself feasible, hence optimal.
    solution.bound = lp_objective;
    return finish(instance, network, order, relaxed, certificate, options, std::move(solution));
  }
  network.reset();
  const CoverPlan first_fit_plan{{}, true, heuristic_search_budget(instance, network, 64)};
  const double first_fit = objective_of(
      instance,
      cover_greedily(instance, order, {}, true, &network, first_fit_plan.search_budget).covered);
  SearchLimits limits;
  limits.work = static_cast<uint64_t>(std::max(0.0, options.time_limit_seconds) * kWorkPerSecond);
  limits.tolerance = kOptimalityTolerance / 2;
  TALLINN_ASSIGN_OR_RETURN(
      SearchOutcome outcome,
      branch_and_bound(instance, order, lp_objective, first_fit_plan, first_fit, limits, &network));
  solution.bound = outcome.proven ? outcome.incumbent_objective : upper_bound_of(outcome.bound);
  network.reset();
  const std::vector<int64_t> covered = cover_greedily(instance, order, outcome.incumbent.fixings,
                                                      outcome.incumbent.honour_indivisible,
                                                      &network, outcome.incumbent.search_budget)
                                           .covered;
  return finish(instance, network, order, covered, certificate, options, std::move(solution));
}

}  // namespace tallinn::match
