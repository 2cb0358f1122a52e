// From class flows back to need x offer allocations.
#pragma once

#include <cstdint>
#include <vector>

#include "core/status.h"
#include "match/class_network.h"
#include "match/instance.h"
#include "match/solution.h"

namespace tallinn::match {

// Splits each class's inflow among its covered needs: needs in `order`,
// offers in eligibility order, paired first-come. Requires that a class's
// coverage equals its inflow (ClassNetwork keeps it so). Result sorted by
// (need, offer).
std::vector<Allocation> disaggregate(const Instance& instance, const ClassNetwork& network,
                                     const std::vector<uint32_t>& order,
                                     const std::vector<int64_t>& covered);

// Recomputes from scratch that `allocations` are feasible for `instance`
// (eligible pairs, amounts within need and budget, indivisible all or
// nothing) and returns the cents covered per need; an internal error on
// violation (a bug: the engine builds them feasible).
Result<std::vector<int64_t>> verify_allocations(const Instance& instance,
                                                const std::vector<Allocation>& allocations);

}  // namespace tallinn::match
