#include "store/postgres/connection_pool.h"

#include <chrono>

namespace tallinn::store::postgres {

ConnectionPool::ConnectionPool(std::string url, PoolOptions options, const LogSink* log)
    : url_(std::move(url)), options_(options), log_(log) {}

Result<Lease> ConnectionPool::take() {
  std::unique_lock lock(mutex_);
  bool free = returned_.wait_for(lock, std::chrono::milliseconds(options_.wait_ms),
                                 [this] { return lent_ < options_.max_connections; });
  if (!free) return Status(ErrorCode::kUnavailable, "database busy");
  ++lent_;
  if (!idle_.empty()) {
    Lease lease{std::move(idle_.back()), true};
    idle_.pop_back();
    return lease;
  }
  // Connecting waits on the network; do it without the lock but with the
  // loan counted, so the bound holds meanwhile.
  lock.unlock();
  Result<std::unique_ptr<Connection>> opened =
      Connection::open(url_, options_.lock_timeout_ms, log_);
  if (!opened.is_ok()) {
    give_back(nullptr);
    return opened.status();
  }
  ++counters_.connections_open;
  return Lease{std::move(opened).value(), false};
}

void ConnectionPool::give_back(std::unique_ptr<Connection> connection) {
  if (connection != nullptr && (connection->broken() || connection->in_transaction())) {
    connection.reset();
    --counters_.connections_open;
  }
  {
    std::lock_guard lock(mutex_);
    --lent_;
    if (connection != nullptr) idle_.push_back(std::move(connection));
  }
  returned_.notify_one();
}

size_t ConnectionPool::idle_connections() const {
  std::lock_guard lock(mutex_);
  return idle_.size();
}

}  // namespace tallinn::store::postgres
