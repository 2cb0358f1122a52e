#include "core/validation.h"

#include <gtest/gtest.h>

namespace tallinn {
namespace {

Need valid_need() {
  Need need;
  need.title = "Firewalls for substations";
  need.amount = 1'000'00;
  need.priority = 4;
  return need;
}

TEST(ValidationTest, AValidNeedPasses) { EXPECT_TRUE(validate_need(valid_need()).is_ok()); }

TEST(ValidationTest, EachBadFieldIsNamed) {
  Need need = valid_need();
  need.title = "";
  EXPECT_EQ(validate_need(need).field(), "title");
  need = valid_need();
  need.amount = 0;
  EXPECT_EQ(validate_need(need).field(), "amount");
  need = valid_need();
  need.priority = 6;
  EXPECT_EQ(validate_need(need).field(), "priority");
  need = valid_need();
  need.title = std::string(kMaxTitleBytes + 1, 'x');
  EXPECT_EQ(validate_need(need).field(), "title");
  need = valid_need();
  need.description = "bad \x01 byte";
  EXPECT_EQ(validate_need(need).field(), "description");
  need = valid_need();
  need.access.orgs = {"00000000000000000000000000000001", "not-an-id"};
  EXPECT_EQ(validate_need(need).field(), "access.orgs[1]");
  need.access.orgs = {"00000000000000000000000000000001", "00000000000000000000000000000001"};
  EXPECT_EQ(validate_need(need).field(), "access.orgs[1]");
}

TEST(ValidationTest, Utf8IsCheckedStrictly) {
  EXPECT_TRUE(is_clean_text("Київська область"));
  EXPECT_TRUE(is_clean_text("line\nbreak\ttab"));
  EXPECT_FALSE(is_clean_text("\xc3"));              // truncated sequence
  EXPECT_FALSE(is_clean_text("\xc0\xaf"));          // overlong
  EXPECT_FALSE(is_clean_text("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(is_clean_text("\xf4\x90\x80\x80"));  // above U+10FFFF
}

TEST(ValidationTest, Emails) {
  EXPECT_TRUE(validate_email("officer@kyiv.example").is_ok());
  EXPECT_FALSE(validate_email("no-at-sign").is_ok());
  EXPECT_FALSE(validate_email("a@b@c").is_ok());
  EXPECT_FALSE(validate_email("@example").is_ok());
}

TEST(ValidationTest, OrganisationCountry) {
  Organisation organisation;
  organisation.name = "Estonia";
  organisation.country = "EE";
  EXPECT_TRUE(validate_organisation(organisation).is_ok());
  organisation.country = "est";
  EXPECT_EQ(validate_organisation(organisation).field(), "country");
  // Two bytes >= 0x80 (a Latin-1 "ÉÉ", the UTF-8 "É") are no capitals; they
  // once reached std::isupper as negative chars, which is undefined.
  for (const char* high : {"\xc9\xc9", "\xc3\x89"}) {
    organisation.country = high;
    EXPECT_EQ(validate_organisation(organisation).field(), "country");
  }
}

}  // namespace
}  // namespace tallinn
