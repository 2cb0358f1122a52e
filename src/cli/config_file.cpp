#include "cli/config_file.h"

#include <fstream>
#include <set>
#include <sstream>

#include "http/request.h"

namespace tallinn::cli {
namespace {

bool is_key(std::string_view key) {
  if (key.empty()) return false;
  for (char c : key) {
    bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!allowed) return false;
  }
  return true;
}

Status line_error(int line, const std::string& message) {
  return invalid("config", "line " + std::to_string(line) + ": " + message);
}

}  // namespace

Result<std::vector<ConfigEntry>> parse_config(std::string_view text) {
  std::vector<ConfigEntry> entries;
  int number = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = http::trim_whitespace(text.substr(start, end - start));
    if (!line.empty() && line.back() == '\r')
      line = http::trim_whitespace(line.substr(0, line.size() - 1));
    start = end + 1;
    ++number;
    if (line.empty() || line.front() == '#') continue;
    size_t equals = line.find('=');
    if (equals == std::string_view::npos) return line_error(number, "expected key = value");
    std::string key(http::trim_whitespace(line.substr(0, equals)));
    std::string_view value = http::trim_whitespace(line.substr(equals + 1));
    if (!is_key(key)) {
      return line_error(number, "a key is lower-case letters, digits and '-'");
    }
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    } else if (value.find('"') != std::string_view::npos) {
      return line_error(number, key + ": a quoted value must be quoted as a whole");
    }
    entries.push_back({key, std::string(value), number});
  }
  return entries;
}

Status apply_config_file(CLI::App& command, const std::string& path) {
  std::ifstream file(path);
  if (!file) return invalid("config", "cannot read " + path);
  std::ostringstream text;
  text << file.rdbuf();
  auto parsed = parse_config(text.str());
  if (!parsed.is_ok()) {
    return invalid("config", path + ": " + parsed.status().message());
  }
  std::set<std::string> seen;
  for (const ConfigEntry& entry : *parsed) {
    std::string where = path + ": line " + std::to_string(entry.line) + ": ";
    CLI::Option* option = command.get_option_no_throw("--" + entry.key);
    if (option == nullptr || entry.key == "config" || entry.key == "help") {
      return invalid("config", where + "unknown key '" + entry.key + "'");
    }
    if (!seen.insert(entry.key).second) {
      return invalid("config", where + "key '" + entry.key + "' is given twice");
    }
    if (option->count() > 0) continue;  // the command line wins
    try {
      if (option->get_expected_min() == 0) {  // a flag
        if (entry.value != "true" && entry.value != "false") {
          return invalid("config", where + entry.key + ": must be true or false");
        }
        if (entry.value == "false") continue;
        option->add_result(option->get_flag_value(entry.key, "true"));
      } else {
        option->add_result(entry.value);
      }
      option->run_callback();
    } catch (const CLI::Error& error) {
      return invalid("config", where + entry.key + ": " + error.what());
    }
  }
  return Status::ok();
}

}  // namespace tallinn::cli
