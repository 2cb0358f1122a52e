// The `--explain` part of a result: offer shadow prices and why a need is
// not fully covered.
#pragma once

#include <cstdint>
#include <vector>

#include "match/class_network.h"
#include "match/instance.h"
#include "match/solution.h"
#include "match/value_density.h"

namespace tallinn::match {

// `offer_prices` are the LP duals (per cent) of certify_lp_optimum;
// `network` and `covered` describe the allocation returned. A need not fully
// covered is kNoEligibleOffer when no offer accepts its class, else
// kIndivisibleNoRoom when indivisible, else kOutbid naming the eligible
// offers whose budget the allocation spent to the last cent.
Explanation explain(const Instance& instance, const ClassNetwork& network,
                    const std::vector<int64_t>& covered, const std::vector<Density>& offer_prices);

}  // namespace tallinn::match
