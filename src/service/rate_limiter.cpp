#include "service/rate_limiter.h"

namespace tallinn::service {

void RateLimiter::expire(std::deque<int64_t>& failures, int64_t now) {
  while (!failures.empty() && failures.front() <= now - window_ms_) failures.pop_front();
}

int64_t RateLimiter::retry_after_seconds(const std::string& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = failures_.find(key);
  if (it == failures_.end()) return 0;
  int64_t now = clock_.now_ms();
  expire(it->second, now);
  if (it->second.empty()) {
    failures_.erase(it);
    return 0;
  }
  if (static_cast<int>(it->second.size()) < max_failures_) return 0;
  int64_t free_at = it->second.front() + window_ms_;
  return (free_at - now + 999) / 1000;
}

void RateLimiter::record_failure(const std::string& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto& failures = failures_[key];
  int64_t now = clock_.now_ms();
  expire(failures, now);
  failures.push_back(now);
}

int RateLimiter::recent_failures(const std::string& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = failures_.find(key);
  if (it == failures_.end()) return 0;
  expire(it->second, clock_.now_ms());
  return static_cast<int>(it->second.size());
}

}  // namespace tallinn::service
