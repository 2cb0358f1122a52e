// An independent re-check of an engine result for the tests: feasibility
// as matching.md states it, and the objective recomputed from allocations.
// Deliberately shares no code with src/match beyond the data types.
#pragma once

#include <string>

#include "match/instance.h"
#include "match/solution.h"

namespace tallinn::match::testing {

// Empty when `solution` is feasible for `instance` and its objective
// matches the allocations (1e-9 relative); else what is wrong.
std::string check_solution(const Instance& instance, const Solution& solution);

// sum over allocations of w(p) * amount / need amount, recomputed here.
double recomputed_objective(const Instance& instance, const Solution& solution);

}  // namespace tallinn::match::testing
