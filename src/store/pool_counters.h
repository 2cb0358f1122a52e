// What a backend's pool and transactions count for Store::stats(): the
// same counters on SQLite and PostgreSQL, so /metrics means the same on
// both. Thread-safe: each counter is an atomic, read without a lock (a
// snapshot may be a moment apart from counter to counter).
#pragma once

#include <atomic>
#include <cstdint>

#include "store/store.h"

namespace tallinn::store {

struct PoolCounters {
  std::atomic<int64_t> read_transactions{0};
  std::atomic<int64_t> write_transactions{0};
  std::atomic<int64_t> commits{0};
  std::atomic<int64_t> rollbacks{0};
  std::atomic<int64_t> begin_failures{0};
  std::atomic<int64_t> connections_open{0};
  std::atomic<int64_t> write_wait_micros{0};
};

// The counters as StoreStats, with the pool's idle connections.
inline StoreStats stats_of(const PoolCounters& counters, int64_t connections_idle) {
  return {
      .read_transactions = counters.read_transactions,
      .write_transactions = counters.write_transactions,
      .commits = counters.commits,
      .rollbacks = counters.rollbacks,
      .begin_failures = counters.begin_failures,
      .connections_open = counters.connections_open,
      .connections_idle = connections_idle,
      .write_wait_seconds = static_cast<double>(counters.write_wait_micros) / 1e6,
  };
}

}  // namespace tallinn::store
