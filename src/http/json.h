// Strict JSON request bodies and typed field readers.
//
// parse_json_body() is the only way a handler turns a body into JSON. Every
// way it refuses a body is kMalformed (400). The field readers refuse a
// wrong type, a missing required field or an unknown field with kInvalid
// (422) naming the field, so a client always learns which input was wrong.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "http/request.h"

namespace tallinn::http {

inline constexpr int kMaxJsonDepth = 64;

enum class JsonTop {
  kObject,  // the body must be a JSON object (every API body is)
  kAny,     // any JSON value
};

// Parses `body` refusing (kMalformed): syntax errors, trailing bytes after
// the value, a key repeated within one object, nesting deeper than
// kMaxJsonDepth arrays/objects, strings or keys that are not valid UTF-8, and
// (with JsonTop::kObject) a top-level value that is not an object.
Result<nlohmann::json> parse_json_body(std::string_view body, JsonTop top = JsonTop::kObject);

// The JSON body of `request`: kMalformed (field "Content-Type") unless the
// Content-Type is application/json, with no charset but utf-8; then as
// parse_json_body. Insisting on the type keeps out what a page on another
// site can send without a preflight (text/plain, form encodings).
Result<nlohmann::json> parse_json_request(const Request& request, JsonTop top = JsonTop::kObject);

// Field readers. `object` should be a JSON object; one that is not reads as
// if every field were absent. Absent means "not a member"; a member whose
// value is null has the wrong type. Optional readers answer nullopt for an
// absent field.
Result<std::string> string_field(const nlohmann::json& object, std::string_view name);
Result<std::optional<std::string>> optional_string_field(const nlohmann::json& object,
                                                         std::string_view name);
// An integer in int64 range written without a fraction or exponent
// (2.0 and 2.5 are refused, as is "2").
Result<int64_t> integer_field(const nlohmann::json& object, std::string_view name);
Result<std::optional<int64_t>> optional_integer_field(const nlohmann::json& object,
                                                      std::string_view name);
Result<bool> bool_field(const nlohmann::json& object, std::string_view name);
Result<std::optional<bool>> optional_bool_field(const nlohmann::json& object,
                                                std::string_view name);
// Any JSON number (EUR amounts); integers are converted.
Result<double> number_field(const nlohmann::json& object, std::string_view name);
Result<std::optional<double>> optional_number_field(const nlohmann::json& object,
                                                    std::string_view name);
// An array whose elements are all strings; a wrong element names
// "name[index]".
Result<std::vector<std::string>> string_array_field(const nlohmann::json& object,
                                                    std::string_view name);
Result<std::optional<std::vector<std::string>>> optional_string_array_field(
    const nlohmann::json& object, std::string_view name);

// kInvalid naming the first member of `object` (in key order) that is not in
// `allowed`: protection against mass assignment (a client setting "status"
// or "org" where a handler does not expect it).
Status reject_unknown_fields(const nlohmann::json& object,
                             std::initializer_list<std::string_view> allowed);

}  // namespace tallinn::http
