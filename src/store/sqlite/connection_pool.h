// The connections of one SQLite database: a single writer and any number of
// readers (WAL lets readers work while the writer writes).
//
// Thread-safe. The writer is lent to one write transaction at a time, which
// is what serialises writers inside this process (BEGIN IMMEDIATE and the
// busy timeout serialise them against other processes). Readers are opened
// on demand and kept idle for reuse up to a limit.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/pool_counters.h"
#include "store/sqlite/connection.h"

namespace tallinn::store::sqlite {

struct PoolOptions {
  int busy_timeout_ms = 5000;
  // How long a write transaction waits for the one before it.
  int writer_wait_ms = 30000;
  size_t max_idle_readers = 8;
};

class ConnectionPool {
 public:
  // `hooks` must outlive the pool and every connection it lends.
  ConnectionPool(std::string path, PoolOptions options, const ConnectionHooks* hooks);

  // Opens the writer, so that a database that cannot be opened is reported
  // at once (kUnavailable).
  Status open();

  // A query-only connection. Give it back with return_reader().
  Result<std::unique_ptr<Connection>> take_reader();
  // Keeps `reader` for reuse when it is healthy (not in a transaction) and
  // the idle list has room; closes it otherwise.
  void return_reader(std::unique_ptr<Connection> reader);

  // The writer, once the previous borrower returned it; kUnavailable after
  // writer_wait_ms. Give it back with return_writer().
  Result<std::unique_ptr<Connection>> take_writer();
  // Ends the loan. A writer left inside a transaction is closed (rolling it
  // back) and the next take_writer() opens a fresh one.
  void return_writer(std::unique_ptr<Connection> writer);

  // Counted by the pool and by SqliteTransaction, read by SqliteStore::stats().
  PoolCounters& counters() { return counters_; }
  const PoolCounters& counters() const { return counters_; }
  size_t idle_connections() const;

 private:
  Result<std::unique_ptr<Connection>> open_connection(bool query_only);

  const std::string path_;
  const PoolOptions options_;
  const ConnectionHooks* hooks_;

  PoolCounters counters_;
  mutable std::mutex mutex_;
  std::condition_variable writer_returned_;
  bool writer_lent_ = false;                               // guarded by mutex_
  std::unique_ptr<Connection> writer_;                     // guarded by mutex_
  std::vector<std::unique_ptr<Connection>> idle_readers_;  // guarded by mutex_
};

}  // namespace tallinn::store::sqlite
