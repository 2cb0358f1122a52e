// Counts failed attempts per key in a sliding window, so sign-in guessing
// gets 429 long before it gets anywhere. The failures live in the database
// (Store::record_failed_attempt), so every `tallinn serve` on it enforces
// one limit: failures spread over several nodes count as on one node.
//
// Thread-safe. Each call is one statement of its own outside any
// Transaction: never call it while this thread holds a write Transaction.
// Errors are the store's (kUnavailable when the database is away); callers
// refuse the sign-in then, so an outage never lifts the limit.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "core/random.h"
#include "core/status.h"
#include "store/store.h"

namespace tallinn::service {

class RateLimiter {
 public:
  // Expired failures of every limiter are deleted at most this often per
  // process, by the first failure recorded after the interval.
  static constexpr int64_t kCleanupIntervalMs = 60 * 1000;

  // `name` keeps the keys of one limiter apart from another's in the shared
  // table. `store` and `clock` must outlive the limiter.
  RateLimiter(store::Store& store, Clock& clock, std::string name, int max_failures,
              int64_t window_ms)
      : store_(store),
        clock_(clock),
        name_(std::move(name)),
        max_failures_(max_failures),
        window_ms_(window_ms) {}

  // Seconds until `key` may try again: 0 when fewer than max_failures of
  // its failures are inside the window, else until the oldest of the newest
  // max_failures leaves it.
  Result<int64_t> retry_after_seconds(const std::string& key);
  // Counts one failure of `key` now.
  Status record_failure(const std::string& key);
  // Whether `key` has failed inside the window.
  Result<bool> has_failed(const std::string& key);
  // Seconds until none of `key`'s failures is inside the window any more
  // (0 when none is): how long has_failed() stays true.
  Result<int64_t> clear_after_seconds(const std::string& key);
  // A success does not erase failures: guessing right once must not reset
  // the count for the guesses that follow.

 private:
  // What the store keeps for `key`: a hash, so no email or address is
  // stored in clear, and the limiter's name in it.
  std::string stored_key(const std::string& key) const;
  // Deletes expired failures when the last cleanup is kCleanupIntervalMs old.
  void clean_up(int64_t now);

  store::Store& store_;
  Clock& clock_;
  const std::string name_;
  const int max_failures_;
  const int64_t window_ms_;
  std::atomic<int64_t> last_cleanup_ms_{0};
};

}  // namespace tallinn::service
