#include "references.h"

#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <CbcModel.hpp>
#include <CoinPackedMatrix.hpp>
#include <OsiClpSolverInterface.hpp>
#include <chrono>
#include <cmath>
#include <vector>

namespace tallinn::bench {
namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Values per euro are as small as 1e-8; CLP's absolute tolerances (1e-7 on
// reduced costs) would stop well short of the optimum on them unscaled.
constexpr double kObjectiveScale = 1e6;

double density_per_cent(const match::Need& need) {
  return static_cast<double>(match::priority_weight(need.priority)) / need.amount_cents;
}

}  // namespace

uint64_t explicit_edge_count(const match::Instance& instance) {
  std::vector<uint64_t> per_class(match::kClassCount, 0);
  for (const match::Need& need : instance.needs) ++per_class[need.class_id];
  uint64_t edges = 0;
  for (const match::Offer& offer : instance.offers) {
    for (int c = 0; c < match::kClassCount; ++c) {
      if (per_class[c] && offer.accepts(c)) edges += per_class[c];
    }
  }
  return edges;
}

ReferenceOutcome lemon_network_simplex(const match::Instance& instance) {
  using Graph = lemon::SmartDigraph;
  const auto start = std::chrono::steady_clock::now();
  ReferenceOutcome outcome;
  outcome.ran = true;
  Graph graph;
  const size_t needs = instance.needs.size(), offers = instance.offers.size();
  graph.reserveNode(static_cast<int>(needs + offers + 1));
  std::vector<Graph::Node> need_node(needs), offer_node(offers);
  for (auto& node : need_node) node = graph.addNode();
  for (auto& node : offer_node) node = graph.addNode();
  const Graph::Node sink = graph.addNode();
  Graph::ArcMap<int64_t> capacity(graph);
  Graph::ArcMap<double> cost(graph);
  Graph::NodeMap<int64_t> supply(graph, 0);
  int64_t total_budget = 0;
  for (size_t j = 0; j < offers; ++j) {
    const match::Offer& offer = instance.offers[j];
    for (size_t i = 0; i < needs; ++i) {
      if (!offer.accepts(instance.needs[i].class_id)) continue;
      const Graph::Arc arc = graph.addArc(offer_node[j], need_node[i]);
      capacity[arc] = instance.needs[i].amount_cents;
      cost[arc] = 0;
      ++outcome.edges;
    }
    const Graph::Arc unused = graph.addArc(offer_node[j], sink);
    capacity[unused] = offer.budget_cents;
    cost[unused] = 0;
    supply[offer_node[j]] = offer.budget_cents;
    total_budget += offer.budget_cents;
  }
  for (size_t i = 0; i < needs; ++i) {
    const Graph::Arc arc = graph.addArc(need_node[i], sink);
    capacity[arc] = instance.needs[i].amount_cents;
    cost[arc] = -density_per_cent(instance.needs[i]);
  }
  supply[sink] = -total_budget;
  lemon::NetworkSimplex<Graph, int64_t, double> simplex(graph);
  simplex.upperMap(capacity).costMap(cost).supplyMap(supply);
  outcome.finished = simplex.run() == lemon::NetworkSimplex<Graph, int64_t, double>::OPTIMAL;
  if (outcome.finished) {
    outcome.objective = -simplex.totalCost<double>();
    outcome.bound = outcome.objective;
  }
  outcome.seconds = seconds_since(start);
  return outcome;
}

ReferenceOutcome cbc_mip(const match::Instance& instance, double seconds) {
  const auto start = std::chrono::steady_clock::now();
  ReferenceOutcome outcome;
  outcome.ran = true;
  const int needs = static_cast<int>(instance.needs.size());
  const int offers = static_cast<int>(instance.offers.size());
  // Rows: needs 0..needs-1, offers after. Columns: x_ij (euros), then z_i.
  CoinPackedMatrix matrix(true, 0, 0);
  matrix.setDimensions(needs + offers, 0);
  std::vector<double> column_lower, column_upper, objective,
      row_lower(needs + offers, -COIN_DBL_MAX), row_upper(needs + offers);
  std::vector<int> integers;
  for (int i = 0; i < needs; ++i) {
    const match::Need& need = instance.needs[i];
    const double euros = need.amount_cents / 100.0;
    row_upper[i] = need.divisible ? euros : 0;
    if (!need.divisible) row_lower[i] = 0;
    for (int j = 0; j < offers; ++j) {
      if (!instance.offers[j].accepts(need.class_id)) continue;
      const int rows[] = {i, needs + j};
      const double ones[] = {1.0, 1.0};
      matrix.appendCol(2, rows, ones);
      column_lower.push_back(0);
      column_upper.push_back(euros);
      objective.push_back(density_per_cent(need) * 100.0 * kObjectiveScale);
      ++outcome.edges;
    }
  }
  for (int i = 0; i < needs; ++i) {
    const match::Need& need = instance.needs[i];
    if (need.divisible) continue;
    const int rows[] = {i};
    const double minus_amount[] = {-need.amount_cents / 100.0};
    integers.push_back(matrix.getNumCols());
    matrix.appendCol(1, rows, minus_amount);
    column_lower.push_back(0);
    column_upper.push_back(1);
    objective.push_back(0);
  }
  for (int j = 0; j < offers; ++j) row_upper[needs + j] = instance.offers[j].budget_cents / 100.0;

  OsiClpSolverInterface solver;
  solver.loadProblem(matrix, column_lower.data(), column_upper.data(), objective.data(),
                     row_lower.data(), row_upper.data());
  solver.setObjSense(-1.0);
  for (int column : integers) solver.setInteger(column);
  solver.messageHandler()->setLogLevel(0);
  CbcModel model(solver);
  model.setLogLevel(0);
  model.setMaximumSeconds(seconds);
  model.branchAndBound();
  outcome.finished = model.isProvenOptimal();
  if (model.bestSolution() != nullptr) {
    const double* x = model.bestSolution();
    double value = 0;
    for (size_t column = 0; column < objective.size(); ++column)
      value += objective[column] * x[column];
    outcome.objective = value / kObjectiveScale;
  }
  // Reported in the original (maximising) sense; the value is never negative.
  outcome.bound = std::abs(model.getBestPossibleObjValue()) / kObjectiveScale;
  outcome.seconds = seconds_since(start);
  return outcome;
}

}  // namespace tallinn::bench
