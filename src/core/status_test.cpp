#include "core/status.h"

#include <gtest/gtest.h>

namespace tallinn {
namespace {

Result<int> parse_positive(int value) {
  if (value <= 0) return invalid("value", "must be positive");
  return value;
}

Status doubled_into(int value, int* out) {
  TALLINN_ASSIGN_OR_RETURN(int parsed, parse_positive(value));
  *out = parsed * 2;
  return Status::ok();
}

TEST(StatusTest, OkByDefault) {
  Status status;
  EXPECT_TRUE(status.is_ok());
  EXPECT_EQ(status.code(), ErrorCode::kOk);
}

TEST(StatusTest, ToStringNamesTheField) {
  EXPECT_EQ(invalid("needs[3].priority", "must be an integer 1..5").to_string(),
            "needs[3].priority: must be an integer 1..5");
  EXPECT_EQ(not_found().to_string(), "not found");
}

TEST(StatusTest, AssignOrReturnPropagatesTheError) {
  int out = 0;
  EXPECT_TRUE(doubled_into(4, &out).is_ok());
  EXPECT_EQ(out, 8);
  Status failed = doubled_into(-1, &out);
  EXPECT_EQ(failed.code(), ErrorCode::kInvalid);
  EXPECT_EQ(failed.field(), "value");
  EXPECT_EQ(out, 8);
}

TEST(StatusTest, ErrorCodeNamesAreStable) {
  EXPECT_STREQ(error_code_name(ErrorCode::kNotFound), "not_found");
  EXPECT_STREQ(error_code_name(ErrorCode::kInvalid), "invalid");
}

}  // namespace
}  // namespace tallinn
