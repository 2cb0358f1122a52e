#include "api/case_runner.h"

#include <map>
#include <regex>
#include <sstream>

#include "core/id.h"

namespace tallinn::testing {
namespace {

struct Step {
  int line = 0;
  std::string method;
  std::string target;
  std::string as = "anonymous";
  HeaderList headers;
  std::string body;
  int expected_status = 0;
  std::string expected_json;
  std::vector<std::pair<std::string, std::string>> saves;  // path, name
  std::string save_body_as;
  std::string body_equals;
  std::string body_hex;  // the raw body, hex-encoded (downloads)
  std::vector<std::pair<std::string, std::string>> header_contains;
  std::vector<std::string> absent;
};

bool starts_with(const std::string& text, const char* prefix) { return text.rfind(prefix, 0) == 0; }

std::vector<Step> parse_steps(const std::string& text, std::vector<CaseFailure>& failures) {
  static const std::regex kRequest(
      R"(^(GET|POST|PATCH|PUT|DELETE|HEAD|OPTIONS|TRACE)\s+(\S+)(\s+AS\s+(\S+))?\s*$)");
  static const std::regex kHeader(R"(^([A-Za-z][A-Za-z0-9-]*):\s?(.*)$)");
  std::vector<Step> steps;
  std::istringstream lines(text);
  std::string line;
  int number = 0;
  enum class Part { kNone, kRequest, kExpect } part = Part::kNone;
  bool in_body = false;
  while (std::getline(lines, line)) {
    ++number;
    if (starts_with(line, "#")) continue;
    std::smatch match;
    if (line.find_first_not_of(" \t") == std::string::npos) {
      if (part == Part::kExpect) part = Part::kNone;
      continue;
    }
    // After an EXPECT, a request line starts the next step even without a
    // blank line, so short read checks can stand one after the other.
    if (part == Part::kExpect && std::regex_match(line, match, kRequest)) part = Part::kNone;
    if (part == Part::kNone) {
      if (!std::regex_match(line, match, kRequest)) {
        failures.push_back({number, "expected a request line (METHOD TARGET [AS party])"});
        return {};
      }
      Step step;
      step.line = number;
      step.method = match[1];
      step.target = match[2];
      if (match[4].matched) step.as = match[4];
      steps.push_back(step);
      part = Part::kRequest;
      in_body = false;
      continue;
    }
    Step& step = steps.back();
    if (starts_with(line, "EXPECT ")) {
      step.expected_status = std::stoi(line.substr(7));
      part = Part::kExpect;
      continue;
    }
    if (part == Part::kRequest) {
      if (!in_body && std::regex_match(line, match, kHeader)) {
        step.headers.emplace_back(match[1], match[2]);
      } else {
        in_body = true;
        step.body += (step.body.empty() ? "" : "\n") + line;
      }
      continue;
    }
    std::istringstream words(line);
    std::string directive;
    words >> directive;
    if (directive == "SAVE") {
      std::string path, as_word, name;
      words >> path >> as_word >> name;
      step.saves.emplace_back(path, name);
    } else if (directive == "BODY-SAVE") {
      std::string as_word;
      words >> as_word >> step.save_body_as;
    } else if (directive == "BODY-EQUALS") {
      words >> step.body_equals;
    } else if (directive == "BODY-HEX") {
      words >> step.body_hex;
    } else if (directive == "HEADER-CONTAINS") {
      std::string rest = line.substr(std::string("HEADER-CONTAINS ").size());
      size_t colon = rest.find(':');
      step.header_contains.emplace_back(rest.substr(0, colon),
                                        rest.substr(colon + 1 + (rest[colon + 1] == ' ')));
    } else if (directive == "ABSENT") {
      std::string path;
      words >> path;
      step.absent.push_back(path);
    } else {
      step.expected_json += line + "\n";
    }
  }
  for (const Step& step : steps) {
    if (step.expected_status == 0) failures.push_back({step.line, "step has no EXPECT line"});
  }
  return steps;
}

// "items.0.id" -> the value at that path, or nullptr when absent.
const nlohmann::json* at_path(const nlohmann::json& root, const std::string& path) {
  const nlohmann::json* node = &root;
  std::istringstream parts(path);
  std::string part;
  while (std::getline(parts, part, '.')) {
    if (node->is_object()) {
      auto it = node->find(part);
      if (it == node->end()) return nullptr;
      node = &*it;
    } else if (node->is_array() && !part.empty() &&
               part.find_first_not_of("0123456789") == std::string::npos) {
      size_t index = std::stoul(part);
      if (index >= node->size()) return nullptr;
      node = &(*node)[index];
    } else {
      return nullptr;
    }
  }
  return node;
}

class Variables {
 public:
  explicit Variables(TestPlatform& platform) {
    for (const auto& [name, id] : platform.orgs()) values_["org." + name] = id;
    for (const auto& [name, id] : platform.users()) values_["user." + name] = id;
  }
  void set(const std::string& name, std::string value) { values_[name] = std::move(value); }
  // Replaces every {{name}}; unknown names are an error.
  bool substitute(std::string& text, std::string& error) const {
    size_t start;
    while ((start = text.find("{{")) != std::string::npos) {
      size_t end = text.find("}}", start);
      if (end == std::string::npos) {
        error = "unclosed {{";
        return false;
      }
      std::string name = text.substr(start + 2, end - start - 2);
      auto it = values_.find(name);
      if (it == values_.end()) {
        error = "unknown variable {{" + name + "}}";
        return false;
      }
      text.replace(start, end - start + 2, it->second);
    }
    return true;
  }

 private:
  std::map<std::string, std::string> values_;
};

std::string run_step(const Step& original, TestPlatform& platform, Variables& variables,
                     std::map<std::string, std::string>& bodies) {
  Step step = original;
  std::string error;
  if (!variables.substitute(step.target, error) || !variables.substitute(step.body, error) ||
      !variables.substitute(step.expected_json, error)) {
    return error;
  }
  for (auto& [name, value] : step.headers) {
    if (!variables.substitute(value, error)) return error;
  }
  HttpResult result = platform.call(step.as, step.method, step.target, step.body, step.headers);
  std::string where = step.method + " " + step.target + " as " + step.as;
  if (result.status != step.expected_status) {
    return where + ": status " + std::to_string(result.status) + ", expected " +
           std::to_string(step.expected_status) + "; body: " + result.body.substr(0, 400);
  }
  nlohmann::json actual;
  // Downloads answer bytes, not JSON; BODY-HEX checks those.
  const std::optional<std::string> content_type = result.header("Content-Type");
  bool has_json =
      !result.body.empty() && !(content_type && content_type->find("json") == std::string::npos);
  if (has_json) {
    actual = nlohmann::json::parse(result.body, nullptr, /*allow_exceptions=*/false);
    if (actual.is_discarded())
      return where + ": the body is not JSON: " + result.body.substr(0, 200);
  }
  if (!step.expected_json.empty()) {
    nlohmann::json expected =
        nlohmann::json::parse(step.expected_json, nullptr, /*allow_exceptions=*/false);
    if (expected.is_discarded()) return where + ": the expected fragment is not JSON";
    std::string mismatch;
    if (!json_contains(actual, expected, mismatch)) {
      return where + ": body differs at " + mismatch + "; body: " + result.body.substr(0, 600);
    }
  }
  for (const auto& path : step.absent) {
    if (at_path(actual, path) != nullptr) return where + ": " + path + " should be absent";
  }
  for (const auto& [name, text] : step.header_contains) {
    auto value = result.header(name);
    if (!value || value->find(text) == std::string::npos) {
      return where + ": header " + name + " should contain \"" + text + "\"";
    }
  }
  for (const auto& [path, name] : step.saves) {
    const nlohmann::json* value = at_path(actual, path);
    if (value == nullptr) return where + ": nothing at " + path + " to save";
    variables.set(name, value->is_string() ? value->get<std::string>() : value->dump());
  }
  if (!step.body_hex.empty()) {
    std::string hex;
    for (unsigned char byte : result.body) {
      constexpr char kDigits[] = "0123456789abcdef";
      hex += kDigits[byte >> 4];
      hex += kDigits[byte & 0x0f];
    }
    if (hex != step.body_hex) return where + ": body in hex is " + hex + ", not " + step.body_hex;
  }
  if (!step.save_body_as.empty()) bodies[step.save_body_as] = result.body;
  if (!step.body_equals.empty()) {
    auto it = bodies.find(step.body_equals);
    if (it == bodies.end()) return where + ": no saved body " + step.body_equals;
    if (it->second != result.body) {
      return where + ": body is not byte-identical to " + step.body_equals + ": " + result.body +
             " vs " + it->second;
    }
  }
  return {};
}

}  // namespace

bool json_contains(const nlohmann::json& actual, const nlohmann::json& expected,
                   std::string& mismatch_path) {
  if (expected.is_string()) {
    const std::string& text = expected.get_ref<const std::string&>();
    if (text == "<any>") return true;
    if (text == "<id>") return actual.is_string() && is_id(actual.get<std::string>());
  }
  if (expected.is_object()) {
    if (!actual.is_object()) return false;
    for (const auto& item : expected.items()) {
      auto it = actual.find(item.key());
      std::string inner;
      if (it == actual.end() || !json_contains(*it, item.value(), inner)) {
        mismatch_path = item.key() + (inner.empty() ? "" : "." + inner);
        return false;
      }
    }
    return true;
  }
  if (expected.is_array()) {
    if (!actual.is_array()) return false;
    bool open_ended = !expected.empty() && expected.back() == "...";
    size_t count = expected.size() - (open_ended ? 1 : 0);
    if (open_ended ? actual.size() < count : actual.size() != count) {
      mismatch_path = "(array of " + std::to_string(actual.size()) + ")";
      return false;
    }
    for (size_t i = 0; i < count; ++i) {
      std::string inner;
      if (!json_contains(actual[i], expected[i], inner)) {
        mismatch_path = std::to_string(i) + (inner.empty() ? "" : "." + inner);
        return false;
      }
    }
    return true;
  }
  if (expected.is_number() && actual.is_number()) {
    return expected.get<double>() == actual.get<double>();
  }
  return actual == expected;
}

std::vector<CaseFailure> run_case_file(const std::string& text, TestPlatform& platform) {
  std::vector<CaseFailure> failures;
  std::vector<Step> steps = parse_steps(text, failures);
  if (!failures.empty()) return failures;
  Variables variables(platform);
  std::map<std::string, std::string> bodies;
  for (const Step& step : steps) {
    std::string failure = run_step(step, platform, variables, bodies);
    if (!failure.empty()) {
      failures.push_back({step.line, failure});
      break;
    }
  }
  return failures;
}

}  // namespace tallinn::testing
