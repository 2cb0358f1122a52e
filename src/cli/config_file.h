// `tallinn serve --config FILE`: settings as `key = value` lines, where each
// key is the long name of a serve option (docs/operations.md lists them).
// Options given on the command line win over the file; an unknown key, a
// key given twice or a value an option refuses stops the server before it
// starts, naming the file, the line and the key.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace tallinn::cli {

struct ConfigEntry {
  std::string key;
  std::string value;
  int line = 0;
};

// Parses the text of a config file: blank lines and lines starting with '#'
// are skipped; every other line is `key = value`. A value may be written in
// double quotes (to hold '#', spaces at its ends, or nothing). kInvalid
// naming "config" for any other line.
Result<std::vector<ConfigEntry>> parse_config(std::string_view text);

// Reads `path` and applies its entries to the options of `command` that the
// command line left unset. kInvalid naming "config" on any error.
Status apply_config_file(CLI::App& command, const std::string& path);

}  // namespace tallinn::cli
