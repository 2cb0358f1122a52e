#include "allocation_check.h"

#include <cmath>
#include <vector>

namespace tallinn::match::testing {
namespace {

bool eligible(const Need& need, const Offer& offer) {
  const int sector = need.class_id / (kRegionCount * kCategoryCount);
  const int region = need.class_id / kCategoryCount % kRegionCount;
  const int category = need.class_id % kCategoryCount;
  return (offer.sector_mask & (1u << sector)) && (offer.region_mask & (1u << region)) &&
         (offer.category_mask & (1u << category));
}

}  // namespace

double recomputed_objective(const Instance& instance, const Solution& solution) {
  std::vector<long double> covered(instance.needs.size(), 0);
  for (const Allocation& allocation : solution.allocations) {
    covered[allocation.need] += allocation.amount_cents;
  }
  long double total = 0;
  for (size_t i = 0; i < covered.size(); ++i) {
    const Need& need = instance.needs[i];
    total += std::pow(10.0L, need.priority - 1) * covered[i] / need.amount_cents;
  }
  return static_cast<double>(total);
}

std::string check_solution(const Instance& instance, const Solution& solution) {
  std::vector<int64_t> covered(instance.needs.size(), 0);
  std::vector<int64_t> spent(instance.offers.size(), 0);
  for (const Allocation& allocation : solution.allocations) {
    if (allocation.need >= instance.needs.size() || allocation.offer >= instance.offers.size()) {
      return "allocation index out of range";
    }
    if (allocation.amount_cents <= 0) return "allocation amount not positive";
    if (!eligible(instance.needs[allocation.need], instance.offers[allocation.offer])) {
      return "ineligible pair " + instance.needs[allocation.need].id + " / " +
             instance.offers[allocation.offer].id;
    }
    covered[allocation.need] += allocation.amount_cents;
    spent[allocation.offer] += allocation.amount_cents;
  }
  for (size_t i = 0; i < covered.size(); ++i) {
    const Need& need = instance.needs[i];
    if (covered[i] > need.amount_cents) return "need " + need.id + " over-covered";
    if (!need.divisible && covered[i] != 0 && covered[i] != need.amount_cents) {
      return "indivisible need " + need.id + " partly covered";
    }
  }
  for (size_t j = 0; j < spent.size(); ++j) {
    if (spent[j] > instance.offers[j].budget_cents)
      return "offer " + instance.offers[j].id + " over budget";
  }
  const double objective = recomputed_objective(instance, solution);
  if (std::abs(objective - solution.objective) > 1e-9 * std::max(1.0, std::abs(objective))) {
    return "objective " + std::to_string(solution.objective) + " but allocations give " +
           std::to_string(objective);
  }
  if (solution.bound < solution.objective) return "bound below objective";
  if (solution.status == SolveStatus::kOptimal && solution.bound != solution.objective) {
    return "optimal but bound != objective";
  }
  return {};
}

}  // namespace tallinn::match::testing
