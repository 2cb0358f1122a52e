// Writes a solution in matching.md's result format: byte-for-byte the same
// for the same solution. Amounts in euros with two decimals; objective and
// bound in the shortest form that reads back to the same double.
#pragma once

#include <string>

#include "core/status.h"
#include "match/instance.h"
#include "match/solution.h"

namespace tallinn::matchio {

// The result document, including "explanation" when the solution has one.
// The instance in matchio's input format (parse_instance reads it back to
// the same instance): what a stored matching run keeps to be run again.
std::string format_instance(const match::Instance& instance);

std::string format_result(const match::Instance& instance, const match::Solution& solution);

// Writes `content` to `path` through a temporary file in the same directory
// and a rename, so `path` holds either its old content or all of `content`.
Status write_file_atomically(const std::string& path, const std::string& content);

}  // namespace tallinn::matchio
