// `tallinn migrate`, `tallinn demo`, `tallinn audit verify` (api.md);
// `tallinn backup` and `tallinn restore` (docs/operations.md).
#pragma once

#include <CLI/CLI.hpp>

namespace tallinn::cli {

void add_database_commands(CLI::App& app, int* exit_code);

}  // namespace tallinn::cli
