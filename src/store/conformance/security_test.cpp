// The second factor, recovery codes, session last-seen times and settings
// (migration 0004) on every backend, including the single use of a TOTP step
// when sign-ins race on two Stores.
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "store/conformance/store_test_support.h"

namespace tallinn::store::testing {
namespace {

class SecurityStoreTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto tx = write();
    ASSERT_OK(tx->insert_organisation(org_));
    ASSERT_OK(tx->insert_user(user_, "hash-1"));
    ASSERT_OK(tx->commit());
  }

  Organisation org_ = make_organisation(1);
  User user_ = make_user(1, org_.id);
};

TEST_P(SecurityStoreTest, SessionLastSeenIsTouched) {
  auto tx = write();
  Session session{std::string(64, 'f'), user_.id, 10, 20, 10};
  ASSERT_OK(tx->insert_session(session));
  ASSERT_OK(tx->touch_session(session.token_hash, 17));
  Result<Session> stored = tx->session(session.token_hash);
  ASSERT_OK(stored.status());
  EXPECT_EQ(stored->last_seen_at, 17);
  EXPECT_EQ(stored->created_at, 10);
  EXPECT_EQ(tx->touch_session(std::string(64, 'e'), 18).code(), ErrorCode::kNotFound);
}

TEST_P(SecurityStoreTest, SecondFactorStartsEmptyAndRoundTrips) {
  auto tx = write();
  Result<SecondFactor> initial = tx->second_factor(user_.id);
  ASSERT_OK(initial.status());
  EXPECT_EQ(fields(*initial), fields(SecondFactor{}));
  EXPECT_EQ(tx->second_factor(test_id(9)).status().code(), ErrorCode::kNotFound);

  SecondFactor pending{"", "PENDINGSECRETBASE32", 0};
  ASSERT_OK(tx->set_second_factor(user_.id, pending));
  Result<SecondFactor> stored = tx->second_factor(user_.id);
  ASSERT_OK(stored.status());
  EXPECT_EQ(fields(*stored), fields(pending));

  SecondFactor confirmed{"CONFIRMEDSECRET", "", 59'000'123};
  ASSERT_OK(tx->set_second_factor(user_.id, confirmed));
  stored = tx->second_factor(user_.id);
  ASSERT_OK(stored.status());
  EXPECT_EQ(fields(*stored), fields(confirmed));
  EXPECT_EQ(tx->set_second_factor(test_id(9), confirmed).code(), ErrorCode::kNotFound);
  // The version is not the second factor's business.
  Result<User> user = tx->user(user_.id);
  ASSERT_OK(user.status());
  EXPECT_EQ(user->version, user_.version);
}

TEST_P(SecurityStoreTest, RecoveryCodesWorkOnceAndAreReplacedWhole) {
  auto tx = write();
  ASSERT_OK(tx->replace_recovery_codes(user_.id, {"hash-a", "hash-b"}));
  ASSERT_OK(tx->use_recovery_code(user_.id, "hash-a", 100));
  EXPECT_EQ(tx->use_recovery_code(user_.id, "hash-a", 101).code(), ErrorCode::kNotFound);
  EXPECT_EQ(tx->use_recovery_code(user_.id, "hash-x", 101).code(), ErrorCode::kNotFound);
  // Another user's code is not this user's.
  User other = make_user(2, org_.id);
  ASSERT_OK(tx->insert_user(other, "hash-2"));
  EXPECT_EQ(tx->use_recovery_code(other.id, "hash-b", 101).code(), ErrorCode::kNotFound);

  ASSERT_OK(tx->replace_recovery_codes(user_.id, {"hash-c"}));
  EXPECT_EQ(tx->use_recovery_code(user_.id, "hash-b", 102).code(), ErrorCode::kNotFound);
  ASSERT_OK(tx->use_recovery_code(user_.id, "hash-c", 102));
  ASSERT_OK(tx->replace_recovery_codes(user_.id, {}));
  ASSERT_OK(tx->commit());
}

TEST_P(SecurityStoreTest, SettingsAndTheFixedDomainStamp) {
  auto tx = write();
  Result<std::optional<std::string>> domain = tx->setting("domain");
  ASSERT_OK(domain.status());
  EXPECT_EQ(*domain, std::optional<std::string>("civil"));
  Result<std::optional<std::string>> absent = tx->setting("totp_enforcement");
  ASSERT_OK(absent.status());
  EXPECT_FALSE(absent->has_value());

  ASSERT_OK(tx->set_setting("totp_enforcement", "optional"));
  ASSERT_OK(tx->set_setting("totp_enforcement", "required"));
  Result<std::optional<std::string>> changed = tx->setting("totp_enforcement");
  ASSERT_OK(changed.status());
  EXPECT_EQ(*changed, std::optional<std::string>("required"));

  EXPECT_EQ(tx->set_setting("domain", "military").code(), ErrorCode::kInternal);
  domain = tx->setting("domain");
  ASSERT_OK(domain.status());
  EXPECT_EQ(*domain, std::optional<std::string>("civil"));
  ASSERT_OK(tx->commit());
}

// What a sign-in does with a code of step `step`: inside its write
// transaction, accept it only when the step is newer than the last accepted.
// Threads on two Stores (two processes) race with the same step: exactly one
// accepts it, however the writers interleave.
TEST_P(SecurityStoreTest, ATotpStepIsAcceptedOnceUnderRacingSignIns) {
  {
    auto tx = write();
    ASSERT_OK(tx->set_second_factor(user_.id, SecondFactor{"SECRET", "", 10}));
    ASSERT_OK(tx->commit());
  }
  constexpr int kThreads = 4;
  constexpr int64_t kStep = 11;
  std::unique_ptr<Store> other = reopen();
  std::atomic<int> accepted = 0;
  std::atomic<int> failures = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    Store& store = t % 2 == 0 ? *store_ : *other;
    threads.emplace_back([&store, &accepted, &failures, id = user_.id] {
      auto tx = store.begin(TransactionMode::kWrite);
      if (!tx.is_ok()) {
        ++failures;
        return;
      }
      Result<SecondFactor> factor = (*tx)->second_factor(id);
      if (!factor.is_ok()) {
        ++failures;
        return;
      }
      if (factor->totp_last_step >= kStep) return;  // the code was used
      // Widen the window between the check and the update.
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      SecondFactor used = *factor;
      used.totp_last_step = kStep;
      if (!(*tx)->set_second_factor(id, used).is_ok() || !(*tx)->commit().is_ok()) {
        ++failures;
        return;
      }
      ++accepted;
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(accepted.load(), 1);
  auto tx = read();
  Result<SecondFactor> final_state = tx->second_factor(user_.id);
  ASSERT_OK(final_state.status());
  EXPECT_EQ(final_state->totp_last_step, kStep);
}

INSTANTIATE_TEST_SUITE_P(Backends, SecurityStoreTest, kAllBackends, backend_name);

}  // namespace
}  // namespace tallinn::store::testing
