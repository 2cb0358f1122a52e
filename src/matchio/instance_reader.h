// Reads an instance in matching.md's JSON format, strictly: the first
// malformed element is an error naming it (`needs[17].priority: must be an
// integer 1..5`). Unknown fields are ignored. Amounts are parsed to cents
// from the number's own text.
//
// Required: needs[].id, amount, priority, sector, region, category;
// offers[].id, budget. Optional: needs[].divisible (default true),
// offers[].donor, sectors, regions, categories (absent, null or [] = any),
// and a top-level "currency", which must be "EUR" when present.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "match/instance.h"

namespace tallinn::matchio {

// Parses `json` (copied into a padded buffer).
Result<match::Instance> parse_instance(std::string_view json);

// Loads and parses the file at `path`; a file that cannot be read is an
// error naming it.
Result<match::Instance> read_instance_file(const std::string& path);

}  // namespace tallinn::matchio
