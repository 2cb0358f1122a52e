#include "core/duplicate_score.h"

#include <gtest/gtest.h>

namespace tallinn {
namespace {

TEST(DuplicateScoreTest, NothingInCommonScoresZero) { EXPECT_EQ(duplicate_score({}), 0.0); }

TEST(DuplicateScoreTest, EverythingInCommonScoresOne) {
  EXPECT_DOUBLE_EQ(duplicate_score({true, true, true, true, 1.0}), 1.0);
}

TEST(DuplicateScoreTest, TextSimilarityIsClamped) {
  EXPECT_DOUBLE_EQ(duplicate_score({true, true, true, true, 7.0}), 1.0);
  EXPECT_DOUBLE_EQ(duplicate_score({false, false, false, false, -1.0}), 0.0);
}

TEST(DuplicateScoreTest, SameOwnerSameKindAndSimilarTextPassesTheThreshold) {
  EXPECT_GE(duplicate_score({true, false, true, true, 0.6}), kDuplicateThreshold);
  // Same region and kind but unrelated text stays below it, as does another
  // kind of help for the same beneficiary.
  EXPECT_LT(duplicate_score({false, true, true, true, 0.0}), kDuplicateThreshold);
  EXPECT_LT(duplicate_score({true, true, true, false, 0.1}), kDuplicateThreshold);
}

TEST(DuplicateScoreTest, MoreSharedEvidenceNeverLowersTheScore) {
  DuplicateEvidence base{false, true, true, false, 0.3};
  DuplicateEvidence more = base;
  more.same_category = true;
  EXPECT_GT(duplicate_score(more), duplicate_score(base));
  more.text_similarity = 0.9;
  EXPECT_GT(duplicate_score(more), duplicate_score({false, true, true, true, 0.3}));
}

}  // namespace
}  // namespace tallinn
