// `tallinn serve [--db URL] [--listen HOST:PORT]` (api.md).
#pragma once

#include <CLI/CLI.hpp>

namespace tallinn::cli {

void add_serve_command(CLI::App& app, int* exit_code);

}  // namespace tallinn::cli
