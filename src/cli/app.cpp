#include "cli/app.h"

#include <CLI/CLI.hpp>

#include "cli/match_command.h"

namespace tallinn::cli {

int run(int argc, char** argv) {
  CLI::App app{"tallinn: the Tallinn Mechanism's needs-to-donors platform"};
  app.require_subcommand(1);
  int exit_code = 0;
  add_match_command(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error);
  }
  return exit_code;
}

}  // namespace tallinn::cli
