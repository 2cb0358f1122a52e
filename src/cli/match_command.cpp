#include "cli/match_command.h"

#include <iostream>

namespace tallinn::cli {

void add_match_command(CLI::App& app, int* exit_code) {
  auto* command = app.add_subcommand("match", "solve a matching instance (matching.md)");
  command->callback([exit_code] {
    std::cerr << "match: the engine is being built\n";
    *exit_code = 1;
  });
}

}  // namespace tallinn::cli
