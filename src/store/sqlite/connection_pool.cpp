#include "store/sqlite/connection_pool.h"

#include <chrono>

namespace tallinn::store::sqlite {

ConnectionPool::ConnectionPool(std::string path, PoolOptions options, const ConnectionHooks* hooks)
    : path_(std::move(path)), options_(options), hooks_(hooks) {}

Result<std::unique_ptr<Connection>> ConnectionPool::open_connection(bool query_only) {
  auto opened = Connection::open(path_, options_.busy_timeout_ms, query_only, hooks_);
  if (opened.is_ok()) ++counters_.connections_open;
  return opened;
}

size_t ConnectionPool::idle_connections() const {
  std::lock_guard lock(mutex_);
  return idle_readers_.size() + (writer_ != nullptr ? 1 : 0);
}

Status ConnectionPool::open() {
  TALLINN_ASSIGN_OR_RETURN(std::unique_ptr<Connection> writer, open_connection(false));
  std::lock_guard lock(mutex_);
  writer_ = std::move(writer);
  return Status::ok();
}

Result<std::unique_ptr<Connection>> ConnectionPool::take_reader() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_readers_.empty()) {
      std::unique_ptr<Connection> reader = std::move(idle_readers_.back());
      idle_readers_.pop_back();
      return reader;
    }
  }
  return open_connection(true);
}

void ConnectionPool::return_reader(std::unique_ptr<Connection> reader) {
  if (reader == nullptr) return;
  if (!reader->in_transaction()) {
    std::lock_guard lock(mutex_);
    if (idle_readers_.size() < options_.max_idle_readers) {
      idle_readers_.push_back(std::move(reader));
      return;
    }
  }
  --counters_.connections_open;  // closed as it goes out of scope
}

Result<std::unique_ptr<Connection>> ConnectionPool::take_writer() {
  const auto wait_started = std::chrono::steady_clock::now();
  std::unique_lock lock(mutex_);
  bool free = writer_returned_.wait_for(lock, std::chrono::milliseconds(options_.writer_wait_ms),
                                        [this] { return !writer_lent_; });
  counters_.write_wait_micros += std::chrono::duration_cast<std::chrono::microseconds>(
                                     std::chrono::steady_clock::now() - wait_started)
                                     .count();
  if (!free) return Status(ErrorCode::kUnavailable, "database busy");
  std::unique_ptr<Connection> writer = std::move(writer_);
  if (writer == nullptr) {
    // Opening may block on the file system; do it without the lock but
    // with the loan taken, so no second writer appears meanwhile.
    writer_lent_ = true;
    lock.unlock();
    Result<std::unique_ptr<Connection>> opened = open_connection(false);
    if (!opened.is_ok()) return_writer(nullptr);
    return opened;
  }
  writer_lent_ = true;
  return writer;
}

void ConnectionPool::return_writer(std::unique_ptr<Connection> writer) {
  if (writer != nullptr && writer->in_transaction()) {
    writer.reset();
    --counters_.connections_open;
  }
  {
    std::lock_guard lock(mutex_);
    writer_ = std::move(writer);
    writer_lent_ = false;
  }
  writer_returned_.notify_one();
}

}  // namespace tallinn::store::sqlite
