// List query strings and keyset cursors: the bytes as a request target go
// through parse_target() and every query reader of api/json_input.h; the same
// bytes as a cursor through both cursor decoders. A cursor that decodes must
// encode back to one that decodes to the same key (cursors are opaque, but a
// decoder that accepts what the encoder cannot produce would let two
// spellings name one page).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "api/json_input.h"
#include "http/request.h"
#include "store/cursor.h"

namespace {

void read_query(std::string_view target) {
  using namespace tallinn::api;
  auto parsed = tallinn::http::parse_target(target);
  if (!parsed.is_ok()) return;
  tallinn::http::Request request;
  request.method = "GET";
  request.target = std::string(target);
  request.path = parsed->path;
  request.query = parsed->query;
  static_cast<void>(page_from_query(request));
  static_cast<void>(need_filter_from_query(request));
  static_cast<void>(offer_filter_from_query(request));
  static_cast<void>(assessment_filter_from_query(request));
  static_cast<void>(allocation_filter_from_query(request));
  static_cast<void>(coverage_by_from_query(request));
}

void decode_cursors(std::string_view cursor) {
  using namespace tallinn::store;
  if (auto key = decode_time_cursor(cursor); key.is_ok()) {
    auto again = decode_time_cursor(encode_time_cursor(*key));
    if (!again.is_ok() || again->created_at != key->created_at || again->id != key->id) {
      std::abort();
    }
  }
  if (auto sequence = decode_sequence_cursor(cursor); sequence.is_ok()) {
    auto again = decode_sequence_cursor(encode_sequence_cursor(*sequence));
    if (!again.is_ok() || *again != *sequence) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  read_query(bytes);
  decode_cursors(bytes);
  return 0;
}
