#include "store/cursor.h"

#include <gtest/gtest.h>

namespace tallinn::store {
namespace {

TEST(CursorTest, TimeCursorsRoundTrip) {
  for (const TimeKey& key : std::vector<TimeKey>{{0, "a"},
                                                 {-5, "id:with:colons"},
                                                 {INT64_MAX, std::string(32, 'f')},
                                                 {1'764'000'000'000, "0123456789abcdef"}}) {
    std::string cursor = encode_time_cursor(key);
    EXPECT_EQ(cursor.find_first_not_of(
                  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos);
    Result<TimeKey> decoded = decode_time_cursor(cursor);
    ASSERT_TRUE(decoded.is_ok()) << cursor;
    EXPECT_EQ(decoded->created_at, key.created_at);
    EXPECT_EQ(decoded->id, key.id);
  }
}

TEST(CursorTest, SequenceCursorsRoundTrip) {
  for (int64_t sequence : {int64_t{1}, int64_t{42}, INT64_MAX}) {
    Result<int64_t> decoded = decode_sequence_cursor(encode_sequence_cursor(sequence));
    ASSERT_TRUE(decoded.is_ok());
    EXPECT_EQ(*decoded, sequence);
  }
}

TEST(CursorTest, RefusesWhatItDidNotMake) {
  std::string good = encode_time_cursor({7, "ab"});
  for (const std::string& cursor :
       {std::string("@@@"), good + "=", good.substr(0, good.size() - 1), std::string("A"),
        encode_sequence_cursor(7), encode_time_cursor({7, ""})}) {
    Result<TimeKey> decoded = decode_time_cursor(cursor);
    ASSERT_FALSE(decoded.is_ok()) << cursor;
    EXPECT_EQ(decoded.status().code(), ErrorCode::kMalformed);
    EXPECT_EQ(decoded.status().field(), "cursor");
  }
  EXPECT_FALSE(decode_sequence_cursor(good).is_ok());
  EXPECT_FALSE(decode_sequence_cursor("").is_ok());
}

}  // namespace
}  // namespace tallinn::store
