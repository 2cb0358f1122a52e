// The optimality certificate of an LP solution, checked in exact integer
// arithmetic, so that `optimal` never rests on a solver's word.
//
// LP (all needs divisible), per cent: max sum_i d_i y_i with d_i = w_i/a_i,
// subject to the class flow. Dual: prices u_j >= 0 on offer budgets and
// v_i >= 0 on need amounts with u_j + v_i >= d_i for every eligible pair.
// Given u, the best v is v_i = max(0, d_i - pi_c), pi_c = min of u_j over
// the offers eligible for class c, so u alone is the certificate.
//
// u_j is chosen as the highest density of a need not fully covered that
// offer j reaches in the residual network; then the dual is feasible by
// construction, and the duality gap is zero exactly when complementary
// slackness holds:
//   u_j > 0       => offer j's budget is spent,
//   flow(c,j) > 0 => u_j == pi_c,
//   y_i < a_i     => d_i <= pi_c,
//   y_i > 0       => d_i >= pi_c.
// A branch-and-bound node fixes some needs: an excluded need drops out of
// the LP; a forced one has y_i = a_i, its dual v_i is free in sign, and the
// last two conditions do not apply to it.
// Each is a comparison of integers or of fractions by 128-bit cross
// products, so a passing check proves the LP optimum with no rounding.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "match/class_network.h"
#include "match/greedy.h"
#include "match/instance.h"
#include "match/value_density.h"

namespace tallinn::match {

struct LpCertificate {
  bool proven = false;
  std::string failure;                // which check failed, when not proven
  std::vector<Density> offer_prices;  // u_j per cent, one per offer
};

// Checks that `covered` (cents per need) with the flow in `network` is a
// feasible and optimal solution of the LP relaxation under `fixings` (empty:
// none, else one per need).
LpCertificate certify_lp_optimum(const Instance& instance, const ClassNetwork& network,
                                 const std::vector<int64_t>& covered,
                                 const std::vector<Fixing>& fixings);

}  // namespace tallinn::match
