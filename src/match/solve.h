// The matching engine's entry point (docs/matching.md).
//
// All needs divisible: the polymatroid greedy on the class network gives the
// LP optimum, which certificate.h then proves in exact arithmetic; the
// result is `optimal` with bound == objective.
//
// Some needs indivisible: the same certified LP gives the bound; the greedy
// honouring indivisibility gives the allocation. The result is `optimal`
// only when the two meet (within matching.md's 1e-9 relative). The answer
// is a deterministic function of the instance (no clocks, no threads).
#pragma once

#include "core/status.h"
#include "match/instance.h"
#include "match/solution.h"

namespace tallinn::match {

// Solves `instance` (already validated by its reader). An error is an
// internal one: a certificate or a feasibility re-check that failed.
Result<Solution> solve(const Instance& instance, const SolveOptions& options);

// sum_i w_i * covered_i / amount_i: exact integer part for needs covered in
// full plus an extended-precision sum over partly covered ones.
double objective_of(const Instance& instance, const std::vector<int64_t>& covered);

}  // namespace tallinn::match
