// The connections of one PostgreSQL database, bounded in number.
//
// Thread-safe. Each connection is lent to one transaction at a time; a
// borrower waits while all max_connections are lent. Healthy connections
// are kept idle for reuse; a broken one (the server went away) is closed
// when it comes back, so the next take() connects afresh and service
// resumes by itself once the database is back.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/pool_counters.h"
#include "store/postgres/connection.h"

namespace tallinn::store::postgres {

struct PoolOptions {
  size_t max_connections = 8;
  // How long take() waits for a connection to be returned.
  int wait_ms = 30000;
  // How long a write transaction waits for the write lock (lock_timeout).
  int lock_timeout_ms = 30000;
};

// A connection on loan, and whether it was reused from the idle list (a
// reused connection may have lost its server while idle).
struct Lease {
  std::unique_ptr<Connection> connection;
  bool reused = false;
};

class ConnectionPool {
 public:
  // `log` must outlive the pool and every connection it lends.
  ConnectionPool(std::string url, PoolOptions options, const LogSink* log);

  // An idle connection, or a new one; kUnavailable when none is returned
  // within wait_ms or the server cannot be reached. Give it back with
  // give_back().
  Result<Lease> take();
  // Ends a loan. Keeps `connection` for reuse when it is healthy and
  // outside a transaction; closes it otherwise.
  void give_back(std::unique_ptr<Connection> connection);

  // Counted by the pool (connections) and by PgTransaction (transactions,
  // waits), read by PostgresStore::stats().
  PoolCounters& counters() { return counters_; }
  const PoolCounters& counters() const { return counters_; }
  size_t idle_connections() const;

 private:
  const std::string url_;
  const PoolOptions options_;
  const LogSink* log_;

  PoolCounters counters_;
  mutable std::mutex mutex_;
  std::condition_variable returned_;
  size_t lent_ = 0;                                // guarded by mutex_
  std::vector<std::unique_ptr<Connection>> idle_;  // guarded by mutex_
};

}  // namespace tallinn::store::postgres
