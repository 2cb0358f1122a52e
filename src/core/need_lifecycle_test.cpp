#include "core/need_lifecycle.h"

#include <gtest/gtest.h>

namespace tallinn {
namespace {

TEST(NeedLifecycleTest, MainLineMovesOneStepForward) {
  EXPECT_TRUE(is_legal_move(NeedStatus::kDraft, NeedStatus::kSubmitted));
  EXPECT_TRUE(is_legal_move(NeedStatus::kSubmitted, NeedStatus::kValidated));
  EXPECT_TRUE(is_legal_move(NeedStatus::kVerified, NeedStatus::kClosed));
  EXPECT_FALSE(is_legal_move(NeedStatus::kDraft, NeedStatus::kValidated));
  EXPECT_FALSE(is_legal_move(NeedStatus::kValidated, NeedStatus::kSubmitted));
  EXPECT_FALSE(is_legal_move(NeedStatus::kClosed, NeedStatus::kRejected));
  EXPECT_FALSE(is_legal_move(NeedStatus::kSubmitted, NeedStatus::kDraft));
}

TEST(NeedLifecycleTest, OpenStatesCanEndEarly) {
  for (NeedStatus end : {NeedStatus::kRejected, NeedStatus::kWithdrawn, NeedStatus::kDuplicate}) {
    EXPECT_TRUE(is_legal_move(NeedStatus::kDraft, end));
    EXPECT_TRUE(is_legal_move(NeedStatus::kDelivering, end));
    EXPECT_FALSE(is_legal_move(NeedStatus::kRejected, end));
    EXPECT_FALSE(is_legal_move(NeedStatus::kClosed, end));
  }
  EXPECT_FALSE(is_legal_move(NeedStatus::kRejected, NeedStatus::kSubmitted));
  EXPECT_FALSE(is_legal_move(NeedStatus::kClosed, NeedStatus::kRejected));
}

}  // namespace
}  // namespace tallinn
