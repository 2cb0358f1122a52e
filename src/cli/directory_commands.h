// `tallinn org add` and `tallinn user add --password-stdin` (api.md).
#pragma once

#include <CLI/CLI.hpp>

namespace tallinn::cli {

void add_directory_commands(CLI::App& app, int* exit_code);

}  // namespace tallinn::cli
