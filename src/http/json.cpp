#include "http/json.h"

#include <limits>
#include <set>

#include "core/validation.h"

namespace tallinn::http {

using nlohmann::json;

namespace {

// Keys longer than this are not echoed back in the "field" of an error.
constexpr size_t kMaxEchoedKey = 128;

std::string echoable(const std::string& key) {
  return key.size() <= kMaxEchoedKey ? key : std::string();
}

// Builds the DOM like nlohmann's own SAX DOM parser, and refuses what the
// library accepts but we do not: repeated keys, deep nesting, bad UTF-8.
class StrictSax : public nlohmann::json_sax<json> {
 public:
  json result;
  Status error;

  bool null() override { return add(nullptr); }
  bool boolean(bool value) override { return add(value); }
  bool number_integer(number_integer_t value) override { return add(value); }
  bool number_unsigned(number_unsigned_t value) override { return add(value); }
  bool number_float(number_float_t value, const string_t&) override { return add(value); }
  bool string(string_t& value) override {
    if (!is_valid_utf8(value)) return fail(malformed("body holds a string that is not UTF-8"));
    return add(std::move(value));
  }
  bool binary(binary_t&) override { return fail(malformed("body is not valid JSON")); }

  bool start_object(std::size_t) override { return open(json::object()); }
  bool start_array(std::size_t) override { return open(json::array()); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }

  bool key(string_t& value) override {
    if (!is_valid_utf8(value)) return fail(malformed("body holds a key that is not UTF-8"));
    if (!keys_.back().insert(value).second) {
      return fail(malformed("body repeats a key", echoable(value)));
    }
    key_ = std::move(value);
    return true;
  }

  bool parse_error(std::size_t, const std::string&,
                   const nlohmann::detail::exception& exception) override {
    if (!error.is_ok()) return false;
    // The lexer checks UTF-8 itself before string() sees the bytes; keep
    // its finding specific for the client.
    bool bad_utf8 = std::string_view(exception.what()).find("UTF-8") != std::string_view::npos;
    return fail(
        malformed(bad_utf8 ? "body holds a string that is not UTF-8" : "body is not valid JSON"));
  }

 private:
  bool fail(Status status) {
    error = std::move(status);
    return false;
  }

  // Places `value` in the innermost open container (or as the result) and
  // returns where it now lives.
  json* place(json&& value) {
    if (stack_.empty()) {
      result = std::move(value);
      return &result;
    }
    json& parent = *stack_.back();
    if (parent.is_array()) {
      parent.push_back(std::move(value));
      return &parent.back();
    }
    json& slot = parent[key_];
    slot = std::move(value);
    return &slot;
  }

  bool add(json&& value) {
    place(std::move(value));
    return true;
  }

  bool open(json&& container) {
    if (stack_.size() >= static_cast<size_t>(kMaxJsonDepth)) {
      return fail(malformed("body nests deeper than " + std::to_string(kMaxJsonDepth)));
    }
    stack_.push_back(place(std::move(container)));
    keys_.emplace_back();
    return true;
  }

  bool close() {
    stack_.pop_back();
    keys_.pop_back();
    return true;
  }

  std::vector<json*> stack_;
  std::vector<std::set<std::string>> keys_;
  std::string key_;
};

const json* member(const json& object, std::string_view name) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(name);
  return it == object.end() ? nullptr : &*it;
}

Status wrong_type(std::string_view name, const char* expected) {
  return invalid(std::string(name), std::string("must be ") + expected);
}

Status missing(std::string_view name) { return invalid(std::string(name), "is required"); }

// Reads one member with `convert` (a function from json to Result<T>);
// absent gives nullopt.
template <typename T, typename Convert>
Result<std::optional<T>> read_optional(const json& object, std::string_view name, Convert convert) {
  const json* value = member(object, name);
  if (value == nullptr) return std::optional<T>();
  Result<T> converted = convert(*value, name);
  if (!converted.is_ok()) return converted.status();
  return std::optional<T>(std::move(converted).value());
}

template <typename T, typename Convert>
Result<T> read_required(const json& object, std::string_view name, Convert convert) {
  const json* value = member(object, name);
  if (value == nullptr) return missing(name);
  return convert(*value, name);
}

Result<std::string> as_string(const json& value, std::string_view name) {
  if (!value.is_string()) return wrong_type(name, "a string");
  return value.get<std::string>();
}

Result<int64_t> as_integer(const json& value, std::string_view name) {
  if (value.is_number_integer() && !value.is_number_unsigned()) return value.get<int64_t>();
  if (value.is_number_unsigned()) {
    auto unsigned_value = value.get<uint64_t>();
    if (unsigned_value > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
      return wrong_type(name, "an integer in range");
    }
    return static_cast<int64_t>(unsigned_value);
  }
  return wrong_type(name, "an integer");
}

Result<bool> as_bool(const json& value, std::string_view name) {
  if (!value.is_boolean()) return wrong_type(name, "true or false");
  return value.get<bool>();
}

Result<double> as_number(const json& value, std::string_view name) {
  if (!value.is_number()) return wrong_type(name, "a number");
  return value.get<double>();
}

Result<std::vector<std::string>> as_string_array(const json& value, std::string_view name) {
  if (!value.is_array()) return wrong_type(name, "an array of strings");
  std::vector<std::string> items;
  items.reserve(value.size());
  for (size_t i = 0; i < value.size(); ++i) {
    if (!value[i].is_string()) {
      return invalid(std::string(name) + "[" + std::to_string(i) + "]", "must be a string");
    }
    items.push_back(value[i].get<std::string>());
  }
  return items;
}

}  // namespace

Result<json> parse_json_body(std::string_view body, JsonTop top) {
  StrictSax sax;
  bool parsed = false;
  try {
    parsed = json::sax_parse(body.begin(), body.end(), &sax, json::input_format_t::json,
                             /*strict=*/true, /*ignore_comments=*/false);
  } catch (const json::exception&) {
    parsed = false;
  }
  if (!parsed) {
    if (sax.error.is_ok()) return malformed("body is not valid JSON");
    return sax.error;
  }
  if (top == JsonTop::kObject && !sax.result.is_object()) {
    return malformed("body must be a JSON object");
  }
  return std::move(sax.result);
}

namespace {

bool is_json_content_type(std::string_view content_type) {
  size_t semicolon = content_type.find(';');
  if (!iequals(trim_whitespace(content_type.substr(0, semicolon)), "application/json"))
    return false;
  while (semicolon != std::string_view::npos) {
    content_type.remove_prefix(semicolon + 1);
    semicolon = content_type.find(';');
    std::string_view parameter = trim_whitespace(content_type.substr(0, semicolon));
    size_t eq = parameter.find('=');
    if (eq == std::string_view::npos) return false;
    std::string_view value = trim_whitespace(parameter.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    if (iequals(trim_whitespace(parameter.substr(0, eq)), "charset") && !iequals(value, "utf-8")) {
      return false;
    }
  }
  return true;
}

}  // namespace

Result<json> parse_json_request(const Request& request, JsonTop top) {
  auto content_type = request.header("Content-Type");
  if (!content_type || !is_json_content_type(*content_type)) {
    return malformed("body must be sent as application/json", "Content-Type");
  }
  return parse_json_body(request.body, top);
}

Result<std::string> string_field(const json& object, std::string_view name) {
  return read_required<std::string>(object, name, as_string);
}
Result<std::optional<std::string>> optional_string_field(const json& object,
                                                         std::string_view name) {
  return read_optional<std::string>(object, name, as_string);
}
Result<int64_t> integer_field(const json& object, std::string_view name) {
  return read_required<int64_t>(object, name, as_integer);
}
Result<std::optional<int64_t>> optional_integer_field(const json& object, std::string_view name) {
  return read_optional<int64_t>(object, name, as_integer);
}
Result<bool> bool_field(const json& object, std::string_view name) {
  return read_required<bool>(object, name, as_bool);
}
Result<std::optional<bool>> optional_bool_field(const json& object, std::string_view name) {
  return read_optional<bool>(object, name, as_bool);
}
Result<double> number_field(const json& object, std::string_view name) {
  return read_required<double>(object, name, as_number);
}
Result<std::optional<double>> optional_number_field(const json& object, std::string_view name) {
  return read_optional<double>(object, name, as_number);
}
Result<std::vector<std::string>> string_array_field(const json& object, std::string_view name) {
  return read_required<std::vector<std::string>>(object, name, as_string_array);
}
Result<std::optional<std::vector<std::string>>> optional_string_array_field(const json& object,
                                                                            std::string_view name) {
  return read_optional<std::vector<std::string>>(object, name, as_string_array);
}

Status reject_unknown_fields(const json& object, std::initializer_list<std::string_view> allowed) {
  if (!object.is_object()) return Status::ok();
  for (const auto& [key, value] : object.items()) {
    bool known = false;
    for (std::string_view name : allowed) known = known || name == key;
    if (!known) return invalid(echoable(key), "is not a known field");
  }
  return Status::ok();
}

}  // namespace tallinn::http
