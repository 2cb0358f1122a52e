// Issue 7 item 2 and issue 8 item 2: the sign-in rate limits are counted in
// the database, so several `tallinn serve` nodes on one database enforce one
// limit. On SQLite (nodes on one file) and on PostgreSQL.
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "api/node_process.h"
#include "api/test_platform.h"
#include "service/rate_limiter.h"
#include "service/session_service.h"

namespace tallinn::testing {
namespace {

using nlohmann::json;
using service::SessionService;

class SignInLimits : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (!TestPlatform::backend_available(GetParam())) GTEST_SKIP() << "no PostgreSQL test cluster";
    platform_ = std::make_unique<TestPlatform>(GetParam());
  }
  TestPlatform& platform() { return *platform_; }
  store::Store& store() { return platform().context().store; }

  // Two serve processes on the in-process platform's database.
  void start_nodes() {
    for (int index = 0; index < 2; ++index) {
      nodes_.push_back(std::make_unique<ServeNode>(platform().database_url(), free_port()));
    }
    for (auto& node : nodes_) ASSERT_TRUE(node->wait_until_healthy(60'000)) << node->port();
  }
  uint16_t node(size_t index) const { return nodes_[index % nodes_.size()]->port(); }
  static HttpResult sign_in(uint16_t port, const std::string& party, const std::string& password) {
    json body = {{"email", party + "@fixture.example"}, {"password", password}};
    return request(port, "POST", "/api/v1/session", body.dump());
  }

  std::unique_ptr<TestPlatform> platform_;
  std::vector<std::unique_ptr<ServeNode>> nodes_;
};

// The limiter over the store: a sliding window, Retry-After until the
// oldest counted failure leaves it, and expired rows deleted as it goes.
TEST_P(SignInLimits, TheLimiterSlidesItsWindowAndForgetsExpiredFailures) {
  constexpr int64_t kWindowMs = 2 * service::RateLimiter::kCleanupIntervalMs;
  service::RateLimiter limiter(store(), platform().clock(), "test", 3, kWindowMs);
  service::RateLimiter other(store(), platform().clock(), "other", 3, kWindowMs);
  for (int failure = 0; failure < 3; ++failure) {
    EXPECT_EQ(*limiter.retry_after_seconds("key"), 0);
    ASSERT_TRUE(limiter.record_failure("key").is_ok());
    platform().clock().advance(10'000);
  }
  // Failed at t, t+10 s, t+20 s; now t+30 s: free when t leaves the window.
  EXPECT_EQ(*limiter.retry_after_seconds("key"), kWindowMs / 1000 - 30);
  EXPECT_TRUE(*limiter.has_failed("key"));
  // Keys and limiters are apart.
  EXPECT_EQ(*limiter.retry_after_seconds("another key"), 0);
  EXPECT_EQ(*other.retry_after_seconds("key"), 0);
  EXPECT_FALSE(*other.has_failed("key"));

  platform().clock().advance(kWindowMs - 30'000);  // t leaves, t+10 s stays
  EXPECT_EQ(*limiter.retry_after_seconds("key"), 0);
  ASSERT_TRUE(limiter.record_failure("key").is_ok());
  EXPECT_EQ(*limiter.retry_after_seconds("key"), 10);

  // Past the window of them all, the next failure of any key cleans up.
  platform().clock().advance(kWindowMs);
  EXPECT_FALSE(*limiter.has_failed("key"));
  ASSERT_TRUE(other.record_failure("key").is_ok());
  Result<int64_t> left = store().forget_failed_attempts(platform().clock().now_ms());
  ASSERT_TRUE(left.is_ok());
  EXPECT_EQ(*left, 0) << "expired failures were left behind";
}

// Failures alternating over two nodes are limited at the same count as on
// one: the 11th attempt is 429 on either node, with Retry-After, while
// another account from the same address still signs in.
TEST_P(SignInLimits, TwoNodesLimitFailuresSpreadOverBothAtTheSameTotal) {
  start_nodes();
  int limited_at = 0;
  for (int attempt = 1; attempt <= 15 && limited_at == 0; ++attempt) {
    HttpResult guess = sign_in(node(attempt), "beneficiary", "guess-" + std::to_string(attempt));
    if (guess.status == 429) {
      limited_at = attempt;
    } else {
      EXPECT_EQ(guess.status, 401) << guess.body;
    }
  }
  EXPECT_EQ(limited_at, SessionService::kFailuresPerAccountAndClient + 1);
  for (size_t index = 0; index < 2; ++index) {
    HttpResult right = sign_in(node(index), "beneficiary", TestPlatform::kPassword);
    EXPECT_EQ(right.status, 429) << "node " << index;
    EXPECT_TRUE(right.header("Retry-After")) << "node " << index;
  }
  EXPECT_EQ(sign_in(node(1), "beneficiary2", TestPlatform::kPassword).status, 200);
}

// The limit's worth of failures sent through both nodes at once: each is
// counted (none lost), so the next attempt is limited on both nodes.
TEST_P(SignInLimits, TwoNodesCountConcurrentFailuresWithoutLosingAny) {
  start_nodes();
  constexpr int kFailures = SessionService::kFailuresPerAccountAndClient;
  std::atomic<int> unauthorised = 0;
  std::vector<std::thread> clients;
  for (int attempt = 0; attempt < kFailures; ++attempt) {
    clients.emplace_back([&, attempt] {
      if (sign_in(node(attempt), "observer", "guess-" + std::to_string(attempt)).status == 401) {
        ++unauthorised;
      }
    });
  }
  for (std::thread& client : clients) client.join();
  EXPECT_EQ(unauthorised.load(), kFailures);
  EXPECT_EQ(sign_in(node(0), "observer", TestPlatform::kPassword).status, 429);
  EXPECT_EQ(sign_in(node(1), "observer", TestPlatform::kPassword).status, 429);
  // The in-process server, a third node, agrees.
  EXPECT_EQ(sign_in(platform().port(), "observer", TestPlatform::kPassword).status, 429);
}

INSTANTIATE_TEST_SUITE_P(Backends, SignInLimits, ::testing::Values("sqlite", "postgres"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

}  // namespace
}  // namespace tallinn::testing
