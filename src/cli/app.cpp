#include "cli/app.h"

#include <CLI/CLI.hpp>

#include "cli/database_commands.h"
#include "cli/directory_commands.h"
#include "cli/match_command.h"
#include "cli/serve_command.h"
#include "cli/workflow_commands.h"

namespace tallinn::cli {

int run(int argc, char** argv) {
  CLI::App app{"tallinn: the Tallinn Mechanism's needs-to-donors platform"};
  app.require_subcommand(1);
  int exit_code = 0;
  add_serve_command(app, &exit_code);
  add_database_commands(app, &exit_code);
  add_directory_commands(app, &exit_code);
  add_match_command(app, &exit_code);
  add_workflow_commands(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error);
  } catch (const std::exception& error) {
    // A library threw where it should have returned a Status: still no crash.
    std::cerr << "tallinn: internal error: " << error.what() << '\n';
    return 1;
  }
  return exit_code;
}

}  // namespace tallinn::cli
