#include "core/vocabulary.h"

#include <gtest/gtest.h>

namespace tallinn {
namespace {

TEST(VocabularyTest, EverySpellingRoundTrips) {
  for (int i = 0; i < kSectorCount; ++i) {
    auto sector = static_cast<Sector>(i);
    EXPECT_EQ(parse_sector(to_string(sector)), sector);
  }
  for (int i = 0; i < kCategoryCount; ++i) {
    auto category = static_cast<Category>(i);
    EXPECT_EQ(parse_category(to_string(category)), category);
  }
  for (int i = 0; i < kTlpCount; ++i) EXPECT_EQ(parse_tlp(to_string(Tlp(i))), Tlp(i));
  for (int i = 0; i < kRoleCount; ++i) EXPECT_EQ(parse_role(to_string(Role(i))), Role(i));
  for (int i = 0; i < kNeedStatusCount; ++i) {
    EXPECT_EQ(parse_need_status(to_string(NeedStatus(i))), NeedStatus(i));
  }
  for (int i = 0; i < kRegionCount; ++i) EXPECT_EQ(parse_region(region_code(i)), i);
}

TEST(VocabularyTest, SpellingsAreThoseOfTheApi) {
  EXPECT_EQ(to_string(Sector::kFinancialMarketInfrastructure), "financial-market-infrastructure");
  EXPECT_EQ(to_string(Tlp::kAmberStrict), "AMBER+STRICT");
  EXPECT_EQ(to_string(Role::kUaAuthority), "ua_authority");
  EXPECT_EQ(region_code(*parse_region("UA-30")), "UA-30");
  EXPECT_EQ(region_name(*parse_region("UA-30")), "Kyiv");
}

TEST(VocabularyTest, UnknownSpellingsAreRefused) {
  EXPECT_FALSE(parse_sector("Energy").has_value());
  EXPECT_FALSE(parse_tlp("amber").has_value());
  EXPECT_FALSE(parse_region("UA-99").has_value());
  EXPECT_FALSE(parse_region("").has_value());
}

TEST(VocabularyTest, OfficesAreTheThreeOfAccessMd) {
  int offices = 0;
  for (int i = 0; i < kRoleCount; ++i) offices += is_office(Role(i));
  EXPECT_EQ(offices, 3);
  EXPECT_TRUE(is_office(Role::kUaAuthority));
  EXPECT_FALSE(is_office(Role::kAdmin));
}

}  // namespace
}  // namespace tallinn
