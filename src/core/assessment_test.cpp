#include "core/assessment.h"

#include <gtest/gtest.h>

#include "core/validation.h"

namespace tallinn {
namespace {

Assessment assessed(int criticality, int score) {
  Assessment assessment;
  assessment.title = "Water utility, Kharkiv";
  assessment.criticality = criticality;
  for (MeasureScore& measure : assessment.measures) measure.score = 4;
  assessment.measures[static_cast<int>(Measure::kCyberHygiene)] = {score, "no phishing drills"};
  return assessment;
}

TEST(AssessmentTest, MeasureNamesRoundTrip) {
  for (int index = 0; index < kMeasureCount; ++index) {
    auto measure = static_cast<Measure>(index);
    EXPECT_EQ(parse_measure(to_string(measure)), measure);
  }
  EXPECT_EQ(parse_measure("hygiene"), std::nullopt);
}

TEST(AssessmentTest, OnlyMeasuresScoredTwoOrLessBecomeNeeds) {
  EXPECT_TRUE(derive_gap_needs(assessed(3, 3)).empty());
  std::vector<GapNeed> needs = derive_gap_needs(assessed(3, 2));
  ASSERT_EQ(needs.size(), 1u);
  EXPECT_EQ(needs[0].measure, Measure::kCyberHygiene);
  EXPECT_EQ(needs[0].category, Category::kTraining);
  EXPECT_NE(needs[0].description.find("no phishing drills"), std::string::npos);
}

TEST(AssessmentTest, EveryMeasureAtZeroGivesTenNeedsInOrder) {
  Assessment assessment = assessed(5, 0);
  for (MeasureScore& measure : assessment.measures) measure.score = 0;
  std::vector<GapNeed> needs = derive_gap_needs(assessment);
  ASSERT_EQ(needs.size(), static_cast<size_t>(kMeasureCount));
  for (int index = 0; index < kMeasureCount; ++index) {
    EXPECT_EQ(needs[index].measure, static_cast<Measure>(index));
    EXPECT_EQ(needs[index].priority, 5);
    EXPECT_EQ(needs[index].amount, estimate_for(needs[index].category));
  }
  EXPECT_EQ(needs[1].category, Category::kIncidentResponse);
  EXPECT_EQ(needs[4].category, Category::kSoftware);
  EXPECT_EQ(needs[0].category, Category::kAssessment);
}

TEST(AssessmentTest, PriorityRisesWithCriticalityAndFallsWithScore) {
  EXPECT_EQ(priority_for(0, 5), 5);
  EXPECT_EQ(priority_for(1, 3), 3);
  EXPECT_EQ(priority_for(0, 3), 4);
  EXPECT_EQ(priority_for(2, 1), 1);
  EXPECT_EQ(priority_for(2, 4), 3);
}

TEST(AssessmentTest, AmountShrinksWithTheScore) {
  EXPECT_EQ(derive_gap_needs(assessed(3, 0))[0].amount, 15'000'00);
  EXPECT_EQ(derive_gap_needs(assessed(3, 1))[0].amount, 10'000'00);
  EXPECT_EQ(derive_gap_needs(assessed(3, 2))[0].amount, 5'000'00);
}

TEST(AssessmentTest, DerivedNeedsAreValidNeeds) {
  Assessment assessment = assessed(4, 0);
  assessment.title = std::string(kMaxTitleBytes, 'x');
  assessment.measures[0] = {1, std::string(kMaxEvidenceBytes, 'e')};
  for (const GapNeed& gap : derive_gap_needs(assessment)) {
    Need need;
    need.title = gap.title;
    need.description = gap.description;
    need.amount = gap.amount;
    need.priority = gap.priority;
    EXPECT_TRUE(validate_need(need).is_ok()) << gap.title;
  }
}

TEST(AssessmentTest, ValidationNamesTheMeasure) {
  Assessment assessment = assessed(3, 2);
  EXPECT_TRUE(validate_assessment(assessment).is_ok());
  assessment.measures[static_cast<int>(Measure::kMfa)].score = 6;
  EXPECT_EQ(validate_assessment(assessment).field(), "measures.mfa.score");
  assessment = assessed(0, 2);
  EXPECT_EQ(validate_assessment(assessment).field(), "criticality");
}

}  // namespace
}  // namespace tallinn
