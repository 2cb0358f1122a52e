// The coordination workflow from the command line, for what an operator
// scripts: matching runs, proposals, meetings, decisions, allocations and
// coverage. Every command acts as the user named by --as EMAIL through the
// same services as the HTTP API (service/operator.h), so the access decision
// and the audit trail apply unchanged; results print as the API's JSON.
#pragma once

#include <CLI/CLI.hpp>

namespace tallinn::cli {

void add_workflow_commands(CLI::App& app, int* exit_code);

}  // namespace tallinn::cli
