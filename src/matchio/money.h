// Money as integer cents, read from and written to the decimal text of a
// JSON number without ever passing through a double.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace tallinn::matchio {

// Parses the raw text of a JSON number (e.g. "120000.5", "1e3") into cents.
// Errors (`field` names the element): not a number, negative, more than 2
// decimals, above `max_cents`.
Result<int64_t> parse_cents(std::string_view number_text, int64_t max_cents,
                            const std::string& field);

// "1234.50", "-0.07": euros with exactly two decimals.
void append_cents(int64_t cents, std::string* out);

}  // namespace tallinn::matchio
