// `tallinn match INSTANCE.json [-o RESULT.json] [--time-limit S] [--explain]`
#pragma once

#include <CLI/CLI.hpp>

namespace tallinn::cli {

// Adds the `match` subcommand to `app`; when it runs, its exit code is
// written to *exit_code (0 solved, 2 bad input, 1 other failure).
void add_match_command(CLI::App& app, int* exit_code);

}  // namespace tallinn::cli
