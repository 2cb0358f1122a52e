// The `tallinn` command tree (api.md, "Command line").
#pragma once

namespace tallinn::cli {

// Parses argv, runs the chosen command and returns the process exit code.
// Errors go to stderr; nothing here throws to the caller.
int run(int argc, char** argv);

}  // namespace tallinn::cli
