#include "matchio/instance_reader.h"

#include <gtest/gtest.h>

namespace tallinn::matchio {
namespace {

TEST(InstanceReader, ReadsTheContractExampleAndIgnoresUnknownFields) {
  Result<match::Instance> instance = parse_instance(R"({
    "currency": "EUR", "comment": {"nested": [1, 2]},
    "needs": [{"id": "N-0001", "amount": 120000.00, "priority": 5, "sector": "energy",
               "region": "UA-32", "category": "equipment", "divisible": false, "note": "x"}],
    "offers": [{"id": "O-EE-2024", "donor": "EE", "budget": 500000.00,
                "sectors": ["energy", "health"], "regions": [], "categories": null}]})");
  ASSERT_TRUE(instance.is_ok()) << instance.status().to_string();
  ASSERT_EQ(instance->needs.size(), 1u);
  const match::Need& need = instance->needs[0];
  EXPECT_EQ(need.id, "N-0001");
  EXPECT_EQ(need.amount_cents, 12'000'000);
  EXPECT_EQ(need.priority, 5);
  EXPECT_FALSE(need.divisible);
  EXPECT_EQ(need.class_id, match::class_of(0, 10, 0));
  const match::Offer& offer = instance->offers[0];
  EXPECT_EQ(offer.budget_cents, 50'000'000);
  EXPECT_EQ(offer.sector_mask, 0b10001u);
  EXPECT_EQ(offer.region_mask, match::kAnyRegion);
  EXPECT_EQ(offer.category_mask, match::kAnyCategory);
  EXPECT_TRUE(offer.accepts(need.class_id));
}

TEST(InstanceReader, EmptyListsAreAllowed) {
  Result<match::Instance> instance = parse_instance(R"({"needs": [], "offers": []})");
  ASSERT_TRUE(instance.is_ok());
  EXPECT_TRUE(instance->needs.empty());
}

TEST(InstanceReader, EscapedIdsAreUnescaped) {
  Result<match::Instance> instance = parse_instance(
      R"({"needs": [{"id": "N\"1", "amount": 1, "priority": 1, "sector": "space",
          "region": "UA-05", "category": "hosting"}], "offers": []})");
  ASSERT_TRUE(instance.is_ok()) << instance.status().to_string();
  EXPECT_EQ(instance->needs[0].id, "N\"1");
}

// A bare word where a list may be null once escaped as a simdjson exception
// and ended `tallinn match` (fuzz/corpus/match_instance_fuzzer/crash-bare-word-list).
TEST(InstanceReader, BareWordForAListIsAnErrorNamingIt) {
  for (const char* list : {"sectors", "regions", "categories"}) {
    Result<match::Instance> instance =
        parse_instance(std::string(R"({"needs": [], "offers": [{"id": "O1", "budget": 1, ")") +
                       list + R"(": nt}]})");
    ASSERT_FALSE(instance.is_ok()) << list;
    EXPECT_EQ(instance.status().field(), std::string("offers[0].") + list);
  }
}

}  // namespace
}  // namespace tallinn::matchio
