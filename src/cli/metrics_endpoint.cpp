#include "cli/metrics_endpoint.h"

namespace tallinn::cli {
namespace {

void append_store_stats(std::string& out, const store::StoreStats& stats) {
  using observe::append_help;
  using observe::append_sample;
  append_help(out, "tallinn_db_transactions_total", "counter",
              "Database transactions begun, by mode.");
  append_sample(out, "tallinn_db_transactions_total", "mode=\"read\"",
                static_cast<double>(stats.read_transactions));
  append_sample(out, "tallinn_db_transactions_total", "mode=\"write\"",
                static_cast<double>(stats.write_transactions));
  append_help(out, "tallinn_db_commits_total", "counter", "Transactions committed.");
  append_sample(out, "tallinn_db_commits_total", "", static_cast<double>(stats.commits));
  append_help(out, "tallinn_db_rollbacks_total", "counter",
              "Transactions ended without a commit (refusals, errors).");
  append_sample(out, "tallinn_db_rollbacks_total", "", static_cast<double>(stats.rollbacks));
  append_help(out, "tallinn_db_begin_failures_total", "counter",
              "Transactions that could not begin (database busy or unavailable).");
  append_sample(out, "tallinn_db_begin_failures_total", "",
                static_cast<double>(stats.begin_failures));
  append_help(out, "tallinn_db_write_wait_seconds_total", "counter",
              "Time write transactions waited for the database's one writer.");
  append_sample(out, "tallinn_db_write_wait_seconds_total", "", stats.write_wait_seconds);
  append_help(out, "tallinn_db_pool_connections", "gauge",
              "Database connections of the pool, by state.");
  append_sample(out, "tallinn_db_pool_connections", "state=\"open\"",
                static_cast<double>(stats.connections_open));
  append_sample(out, "tallinn_db_pool_connections", "state=\"idle\"",
                static_cast<double>(stats.connections_idle));
}

}  // namespace

std::shared_ptr<http::Router> metrics_router(observe::Metrics& metrics, store::Store& store) {
  metrics.add_collector([&store](std::string& out) { append_store_stats(out, store.stats()); });
  auto router = std::make_shared<http::Router>();
  router->add("GET", "/metrics", [&metrics](const http::Request&, const http::PathParams&) {
    http::Response response;
    response.body = metrics.render();
    response.content_type = "text/plain; version=0.0.4; charset=utf-8";
    return response;
  });
  return router;
}

}  // namespace tallinn::cli
