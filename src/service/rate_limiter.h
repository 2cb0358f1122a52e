// Counts failed attempts per key in a sliding window, so sign-in guessing
// gets 429 long before it gets anywhere. Thread-safe. In memory, per
// process: with several nodes each enforces its own limit.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>

#include "core/random.h"

namespace tallinn::service {

class RateLimiter {
 public:
  RateLimiter(Clock& clock, int max_failures, int64_t window_ms)
      : clock_(clock), max_failures_(max_failures), window_ms_(window_ms) {}

  // Seconds until `key` may try again; 0 when it may try now.
  int64_t retry_after_seconds(const std::string& key);
  void record_failure(const std::string& key);
  // Failures of `key` still inside the window.
  int recent_failures(const std::string& key);
  // A success does not erase failures: guessing right once must not reset
  // the count for the guesses that follow.

 private:
  void expire(std::deque<int64_t>& failures, int64_t now);

  Clock& clock_;
  const int max_failures_;
  const int64_t window_ms_;
  std::mutex mutex_;
  std::map<std::string, std::deque<int64_t>> failures_;  // GUARDED_BY(mutex_)
};

}  // namespace tallinn::service
