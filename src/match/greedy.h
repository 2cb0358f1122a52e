// The polymatroid greedy: covering needs in value-density order, each as
// far as the network can carry, maximises the LP relaxation exactly (the
// coverage vectors form a polymatroid and the objective is linear). With
// indivisible needs honoured it is the first-fit heuristic of the MIP.
#pragma once

#include <cstdint>
#include <vector>

#include "match/class_network.h"
#include "match/instance.h"

namespace tallinn::match {

// Covers needs in `order` (from order_by_value_density) on `network`, fresh
// from construction, and returns the cents covered per need. When
// `honour_indivisible`, an indivisible need is covered in full or not at all;
// otherwise every need is treated as divisible.
std::vector<int64_t> cover_greedily(const Instance& instance, const std::vector<uint32_t>& order,
                                    bool honour_indivisible, ClassNetwork* network);

}  // namespace tallinn::match
