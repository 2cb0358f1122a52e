// GET /metrics for `tallinn serve --metrics-listen HOST:PORT`: Prometheus
// text format 0.0.4 on a listener of its own, so that a reverse proxy in
// front of the API never exposes it (docs/operations.md).
#pragma once

#include <memory>

#include "http/router.h"
#include "observe/metrics.h"
#include "store/store.h"

namespace tallinn::cli {

// Adds the store's counters to `metrics` and returns a router with the one
// route GET /metrics. `metrics` and `store` must outlive the router.
std::shared_ptr<http::Router> metrics_router(observe::Metrics& metrics, store::Store& store);

}  // namespace tallinn::cli
