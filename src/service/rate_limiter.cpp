#include "service/rate_limiter.h"

#include <algorithm>

#include "auth/token.h"

namespace tallinn::service {

std::string RateLimiter::stored_key(const std::string& key) const {
  return auth::token_hash(name_ + '\n' + key);
}

Result<int64_t> RateLimiter::retry_after_seconds(const std::string& key) {
  int64_t now = clock_.now_ms();
  TALLINN_ASSIGN_OR_RETURN(
      std::vector<int64_t> newest,
      store_.failed_attempts(stored_key(key), now - window_ms_, max_failures_));
  if (static_cast<int>(newest.size()) < max_failures_) return int64_t{0};
  // Newest first: once the last of these leaves the window, fewer than
  // max_failures remain in it.
  int64_t free_at = newest.back() + window_ms_;
  return (free_at - now + 999) / 1000;
}

Status RateLimiter::record_failure(const std::string& key) {
  int64_t now = clock_.now_ms();
  TALLINN_RETURN_IF_ERROR(store_.record_failed_attempt(stored_key(key), now, now + window_ms_));
  clean_up(now);
  return Status::ok();
}

Result<bool> RateLimiter::has_failed(const std::string& key) {
  TALLINN_ASSIGN_OR_RETURN(int64_t wait, clear_after_seconds(key));
  return wait > 0;
}

Result<int64_t> RateLimiter::clear_after_seconds(const std::string& key) {
  int64_t now = clock_.now_ms();
  TALLINN_ASSIGN_OR_RETURN(std::vector<int64_t> newest,
                           store_.failed_attempts(stored_key(key), now - window_ms_, 1));
  if (newest.empty()) return int64_t{0};
  // Rounded up, so a failure still inside the window never reads as 0.
  return std::max<int64_t>(1, (newest.front() + window_ms_ - now + 999) / 1000);
}

void RateLimiter::clean_up(int64_t now) {
  int64_t last = last_cleanup_ms_.load();
  if (now - last < kCleanupIntervalMs) return;
  // One thread of this process cleans up; the others go on.
  if (!last_cleanup_ms_.compare_exchange_strong(last, now)) return;
  // A failed cleanup only leaves rows for the next one: not the caller's error.
  (void)store_.forget_failed_attempts(now);
}

}  // namespace tallinn::service
