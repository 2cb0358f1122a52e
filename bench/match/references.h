// Textbook references for the matching benchmark, on the explicit
// need x offer model that the engine avoids: LEMON's NetworkSimplex (LP,
// divisible needs) and COIN-OR CBC (MIP). Benchmark code only.
#pragma once

#include <cstdint>

#include "match/instance.h"

namespace tallinn::bench {

struct ReferenceOutcome {
  bool ran = false;       // false: skipped (too large)
  bool finished = false;  // proven optimal within its limits
  double objective = 0;
  double bound = 0;
  double seconds = 0;  // building the explicit model included
  uint64_t edges = 0;
};

// Number of eligible (need, offer) pairs.
uint64_t explicit_edge_count(const match::Instance& instance);

// Max-value flow offer -> need -> sink, every need treated as divisible.
ReferenceOutcome lemon_network_simplex(const match::Instance& instance);

// The MIP (indivisible needs as binaries) with a time limit in seconds.
ReferenceOutcome cbc_mip(const match::Instance& instance, double seconds);

}  // namespace tallinn::bench
