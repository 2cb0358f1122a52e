// Opaque keyset cursors for paged lists. A cursor names the last item of the
// page before: base64url (no padding) of "1:<created_at>:<id>" for lists in
// (created_at DESC, id DESC) order, or of "1:<sequence>" for the audit
// trail. The leading "1" is the format's version. Cursors are not secret: a
// forged one only moves the starting point, and every list still filters by
// the reader's scope.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace tallinn::store {

struct TimeKey {
  int64_t created_at = 0;
  std::string id;
};

std::string encode_time_cursor(const TimeKey& key);
// kMalformed naming "cursor" when `cursor` was not made by encode_time_cursor.
Result<TimeKey> decode_time_cursor(std::string_view cursor);

std::string encode_sequence_cursor(int64_t sequence);
// kMalformed naming "cursor" when `cursor` was not made by encode_sequence_cursor.
Result<int64_t> decode_sequence_cursor(std::string_view cursor);

}  // namespace tallinn::store
