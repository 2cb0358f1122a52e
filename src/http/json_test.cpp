#include "http/json.h"

#include <gtest/gtest.h>

#include <string>

namespace tallinn::http {
namespace {

using nlohmann::json;

std::string nested_arrays(int depth) { return std::string(depth, '[') + std::string(depth, ']'); }

void expect_malformed(std::string_view body) {
  auto parsed = parse_json_body(body);
  ASSERT_FALSE(parsed.is_ok()) << body;
  EXPECT_EQ(parsed.status().code(), ErrorCode::kMalformed) << body;
}

TEST(ParseJsonBody, AcceptsAnObject) {
  auto parsed = parse_json_body(R"({"title": "Firewall", "amount": 12.5, "tags": ["a"]})");
  ASSERT_TRUE(parsed.is_ok());
  EXPECT_EQ((*parsed)["title"], "Firewall");
}

TEST(ParseJsonBody, RefusesBrokenAndTrailingInput) {
  expect_malformed("");
  expect_malformed("{");
  expect_malformed(R"({"a": 1} x)");
  expect_malformed(R"({"a": 1}{"b": 2})");
  expect_malformed(R"({"a": NaN})");
  expect_malformed(R"({"a": 1, /* comment */ "b": 2})");
}

TEST(ParseJsonBody, RefusesRepeatedKeysAtAnyLevel) {
  expect_malformed(R"({"a": 1, "a": 2})");
  auto nested = parse_json_body(R"({"x": {"role": "donor", "role": "admin"}})");
  ASSERT_FALSE(nested.is_ok());
  EXPECT_EQ(nested.status().field(), "role");
  EXPECT_TRUE(parse_json_body(R"({"a": {"a": 1}, "b": [{"a": 1}, {"a": 2}]})").is_ok());
}

TEST(ParseJsonBody, LimitsNestingTo64) {
  EXPECT_TRUE(parse_json_body(nested_arrays(64), JsonTop::kAny).is_ok());
  auto deep = parse_json_body(nested_arrays(65), JsonTop::kAny);
  ASSERT_FALSE(deep.is_ok());
  EXPECT_EQ(deep.status().code(), ErrorCode::kMalformed);
  expect_malformed(nested_arrays(100000));
}

TEST(ParseJsonBody, RefusesInvalidUtf8InStringsAndKeys) {
  expect_malformed("{\"a\": \"\xC3\x28\"}");
  expect_malformed("{\"\xC3\x28\": 1}");
  expect_malformed("{\"a\": \"\xED\xA0\x80\"}");  // an encoded surrogate
  expect_malformed(R"({"a": "\ud800"})");         // an unpaired escaped surrogate
  EXPECT_TRUE(parse_json_body("{\"city\": \"\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2\"}").is_ok());
}

TEST(ParseJsonBody, TopLevelMustBeAnObjectUnlessAsked) {
  expect_malformed("[1, 2]");
  expect_malformed("\"text\"");
  EXPECT_TRUE(parse_json_body("[1, 2]", JsonTop::kAny).is_ok());
}

TEST(ParseJsonBody, RefusesNumbersOutOfRange) { expect_malformed(R"({"a": 1e400})"); }

TEST(ParseJsonRequest, InsistsOnTheJsonContentType) {
  Request request;
  request.body = R"({"a": 1})";
  auto missing = parse_json_request(request);
  ASSERT_FALSE(missing.is_ok());
  EXPECT_EQ(missing.status().field(), "Content-Type");
  request.headers.add("content-type", "application/json;charset=utf-8");
  EXPECT_TRUE(parse_json_request(request).is_ok());
}

TEST(FieldReaders, ReadTypedValues) {
  json body = {{"title", "x"},
               {"priority", 3},
               {"divisible", true},
               {"amount", 12.5},
               {"regions", {"UA-30", "UA-46"}}};
  EXPECT_EQ(*string_field(body, "title"), "x");
  EXPECT_EQ(*integer_field(body, "priority"), 3);
  EXPECT_TRUE(*bool_field(body, "divisible"));
  EXPECT_DOUBLE_EQ(*number_field(body, "amount"), 12.5);
  EXPECT_DOUBLE_EQ(*number_field(body, "priority"), 3.0);
  EXPECT_EQ(string_array_field(body, "regions")->size(), 2u);
  EXPECT_FALSE(optional_string_field(body, "missing")->has_value());
  EXPECT_EQ(**optional_integer_field(body, "priority"), 3);
}

TEST(FieldReaders, WrongTypesAndMissingFieldsAre422NamingTheField) {
  json body = {{"priority", 2.5},  {"count", "2"},   {"flag", 1}, {"big", 18446744073709551615u},
               {"tags", {"a", 2}}, {"none", nullptr}};
  auto check = [](const Status& status, const std::string& field) {
    EXPECT_EQ(status.code(), ErrorCode::kInvalid) << field;
    EXPECT_EQ(status.field(), field);
  };
  check(integer_field(body, "priority").status(), "priority");
  check(integer_field(body, "count").status(), "count");
  check(integer_field(body, "big").status(), "big");
  check(bool_field(body, "flag").status(), "flag");
  check(number_field(body, "count").status(), "count");
  check(string_array_field(body, "tags").status(), "tags[1]");
  check(string_field(body, "none").status(), "none");
  check(optional_string_field(body, "none").status(), "none");
  check(string_field(body, "absent").status(), "absent");
  EXPECT_EQ(string_field(body, "absent").status().message(), "is required");
}

TEST(RejectUnknownFields, NamesTheFirstUnknownField) {
  json body = {{"title", "x"}, {"status", "published"}};
  EXPECT_TRUE(reject_unknown_fields(body, {"title", "status"}).is_ok());
  Status refused = reject_unknown_fields(body, {"title"});
  EXPECT_EQ(refused.code(), ErrorCode::kInvalid);
  EXPECT_EQ(refused.field(), "status");
}

}  // namespace
}  // namespace tallinn::http
