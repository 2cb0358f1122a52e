// Random small instances against an independent oracle: the explicit
// need x offer LP solved by GLPK (exact simplex) for divisible needs, and
// for indivisible ones every subset of them fixed in or out, each an LP.
#include <glpk.h>
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "allocation_check.h"
#include "match/solve.h"

namespace tallinn::match {
namespace {

// A small instance over 3 sectors x 2 regions x 2 categories, so that
// offers overlap, share classes and leave some needs with no offer.
Instance random_instance(std::mt19937_64& random, int needs, int offers, double indivisible_share) {
  Instance instance;
  std::uniform_int_distribution<int> sector(0, 2), region(0, 1), category(0, 1), priority(1, 5);
  std::uniform_int_distribution<int64_t> amount(1, 50'000);
  std::bernoulli_distribution indivisible(indivisible_share), any(0.4);
  int64_t total = 0;
  for (int i = 0; i < needs; ++i) {
    Need need;
    need.id = "N";
    need.id += std::to_string(i);
    need.amount_cents = random() % 4 == 0 ? 10'000 * (1 + random() % 5) : amount(random);
    need.priority = priority(random);
    need.class_id = class_of(sector(random), region(random), category(random));
    need.divisible = !indivisible(random);
    total += need.amount_cents;
    instance.needs.push_back(need);
  }
  std::uniform_int_distribution<int64_t> budget(0, total / 2 + 1);
  for (int j = 0; j < offers; ++j) {
    Offer offer;
    offer.id = "O";
    offer.id += std::to_string(j);
    offer.budget_cents = random() % 8 == 0 ? 0 : budget(random);
    offer.sector_mask = any(random) ? kAnySector : 1 + random() % 7;
    offer.region_mask = any(random) ? kAnyRegion : 1 + random() % 3;
    offer.category_mask = any(random) ? kAnyCategory : 1 + random() % 3;
    instance.offers.push_back(offer);
  }
  return instance;
}

bool accepts(const Offer& offer, const Need& need) {
  const int sector = need.class_id / (kRegionCount * kCategoryCount);
  const int region = need.class_id / kCategoryCount % kRegionCount;
  const int category = need.class_id % kCategoryCount;
  return (offer.sector_mask >> sector & 1) && (offer.region_mask >> region & 1) &&
         (offer.category_mask >> category & 1);
}

// max sum w_i/a_i x_ij over eligible pairs; need i's row is fixed to its
// amount when fixed[i] == 1, to zero when fixed[i] == 0, free when -1.
double explicit_lp(const Instance& instance, const std::vector<int>& fixed) {
  glp_prob* lp = glp_create_prob();
  glp_set_obj_dir(lp, GLP_MAX);
  const int needs = static_cast<int>(instance.needs.size());
  const int offers = static_cast<int>(instance.offers.size());
  glp_add_rows(lp, needs + offers);
  for (int i = 0; i < needs; ++i) {
    const double amount = static_cast<double>(instance.needs[i].amount_cents);
    if (fixed[i] == 1)
      glp_set_row_bnds(lp, i + 1, GLP_FX, amount, amount);
    else if (fixed[i] == 0)
      glp_set_row_bnds(lp, i + 1, GLP_FX, 0, 0);
    else
      glp_set_row_bnds(lp, i + 1, GLP_DB, 0, amount);
  }
  for (int j = 0; j < offers; ++j) {
    glp_set_row_bnds(lp, needs + j + 1, GLP_UP, 0,
                     static_cast<double>(instance.offers[j].budget_cents));
  }
  std::vector<int> rows{0}, cols{0};
  std::vector<double> values{0};
  for (int i = 0; i < needs; ++i) {
    for (int j = 0; j < offers; ++j) {
      if (!accepts(instance.offers[j], instance.needs[i])) continue;
      const int column = glp_add_cols(lp, 1);
      glp_set_col_bnds(lp, column, GLP_LO, 0, 0);
      const Need& need = instance.needs[i];
      glp_set_obj_coef(lp, column, std::pow(10.0, need.priority - 1) / need.amount_cents);
      rows.insert(rows.end(), {i + 1, needs + j + 1});
      cols.insert(cols.end(), {column, column});
      values.insert(values.end(), {1.0, 1.0});
    }
  }
  glp_load_matrix(lp, static_cast<int>(rows.size()) - 1, rows.data(), cols.data(), values.data());
  glp_smcp parameters;
  glp_init_smcp(&parameters);
  parameters.msg_lev = GLP_MSG_OFF;
  glp_simplex(lp, &parameters);
  glp_exact(lp, &parameters);
  const double value = glp_get_status(lp) == GLP_OPT ? glp_get_obj_val(lp) : -1.0;
  glp_delete_prob(lp);
  return value;
}

// The MIP optimum by enumeration of the indivisible needs.
double exhaustive_optimum(const Instance& instance) {
  std::vector<int> indivisible;
  for (size_t i = 0; i < instance.needs.size(); ++i) {
    if (!instance.needs[i].divisible) indivisible.push_back(static_cast<int>(i));
  }
  double best = 0;
  for (uint32_t subset = 0; subset < (1u << indivisible.size()); ++subset) {
    std::vector<int> fixed(instance.needs.size(), -1);
    for (size_t k = 0; k < indivisible.size(); ++k) fixed[indivisible[k]] = subset >> k & 1;
    best = std::max(best, explicit_lp(instance, fixed));  // -1 when infeasible
  }
  return best;
}

double tolerance(double value) { return 1e-7 * std::max(1.0, std::abs(value)); }

// The engine's solution, re-checked for feasibility and objective.
Solution solve_and_check(const Instance& instance) {
  Result<Solution> solution = solve(instance, SolveOptions{});
  EXPECT_TRUE(solution.is_ok());
  if (!solution.is_ok()) return Solution{};
  EXPECT_EQ(testing::check_solution(instance, *solution), "");
  return *solution;
}

TEST(MatchOracle, DivisibleOptimumEqualsTheExplicitLp) {
  std::mt19937_64 random(20240601);
  glp_term_out(GLP_OFF);
  for (int round = 0; round < 300; ++round) {
    const Instance instance = random_instance(random, 1 + round % 25, 1 + round % 6, 0.0);
    SCOPED_TRACE("round " + std::to_string(round));
    const Solution solution = solve_and_check(instance);
    const double optimum = explicit_lp(instance, std::vector<int>(instance.needs.size(), -1));
    EXPECT_EQ(solution.status, SolveStatus::kOptimal);
    EXPECT_NEAR(solution.objective, optimum, tolerance(optimum));
  }
}

TEST(MatchOracle, IndivisibleResultIsFeasibleAndBoundIsHonest) {
  std::mt19937_64 random(77);
  glp_term_out(GLP_OFF);
  int proven = 0;
  for (int round = 0; round < 200; ++round) {
    const Instance instance = random_instance(random, 2 + round % 9, 1 + round % 4, 0.5);
    SCOPED_TRACE("round " + std::to_string(round));
    const Solution solution = solve_and_check(instance);
    const double optimum = exhaustive_optimum(instance);
    EXPECT_LE(solution.objective, optimum + tolerance(optimum));
    EXPECT_GE(solution.bound, optimum - tolerance(optimum));
    if (solution.status == SolveStatus::kOptimal) {
      ++proven;
      EXPECT_NEAR(solution.objective, optimum, tolerance(optimum));
    }
  }
  EXPECT_GT(proven, 0);
}

}  // namespace
}  // namespace tallinn::match
