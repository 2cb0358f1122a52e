// Runs one API case file (tests/cases/api/*.case) against a TestPlatform.
// The format is described in tests/cases/api/README.md.
#pragma once

#include <string>
#include <vector>

#include "api/test_platform.h"

namespace tallinn::testing {

struct CaseFailure {
  int line = 0;  // the line of the request that failed
  std::string message;
};

// Parses and runs every step of `text` in order, stopping at the first
// failing step. An empty result means every step passed.
std::vector<CaseFailure> run_case_file(const std::string& text, TestPlatform& platform);

// True when `actual` contains `expected`: objects by subset, arrays element
// by element (a final "..." element allows more), "<any>" matches any
// value, "<id>" any record id, numbers by value.
bool json_contains(const nlohmann::json& actual, const nlohmann::json& expected,
                   std::string& mismatch_path);

}  // namespace tallinn::testing
