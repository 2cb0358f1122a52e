// A deterministic instance generator for the matching benchmarks: same
// parameters, same bytes, on every platform (its own splitmix64 stream and
// transforms; no std::*_distribution, whose output is implementation-defined).
//
// Shape (like a "uniform" national call): needs spread evenly over sectors,
// regions and categories; priorities skewed to the low end; amounts
// log-normal around 40,000 EUR; offers filter each attribute with a few
// values or accept any; budgets follow the demand an offer accepts and
// total 55% of all needs.
#pragma once

#include <cstdint>
#include <string>

namespace tallinn::bench {

struct GeneratorParameters {
  int64_t needs = 10'000;
  int64_t offers = 100;
  uint64_t seed = 1;
  double indivisible_share = 0.0;
};

// The instance as matching.md JSON.
std::string generate_instance_json(const GeneratorParameters& parameters);

}  // namespace tallinn::bench
