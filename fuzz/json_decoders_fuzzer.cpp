// Every request-body decoder of the API (api/json_input.h) behind the strict
// body parser, as a handler calls them: any bytes must end in a value or a
// Status, never a crash, an exception or undefined behaviour.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "api/json_input.h"
#include "http/json.h"

namespace {

template <typename... Decoders>
void decode_with_each(const nlohmann::json& body, Decoders... decoders) {
  (static_cast<void>(decoders(body)), ...);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tallinn::api;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto body = tallinn::http::parse_json_body(bytes);
  if (!body.is_ok()) return 0;
  decode_with_each(*body, need_draft_from_json, need_patch_from_json, need_move_from_json,
                   offer_draft_from_json, offer_patch_from_json, organisation_draft_from_json,
                   organisation_patch_from_json, user_draft_from_json, user_patch_from_json,
                   assessment_draft_from_json, time_limit_from_json, run_from_json,
                   meeting_draft_from_json, meeting_close_from_json, decision_from_json,
                   implementer_from_json, report_from_json);
  return 0;
}
