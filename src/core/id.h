// Record ids: 128 random bits as 32 lower-case hex digits. Opaque and
// unguessable, so walking ids learns nothing about what exists.
#pragma once

#include <string>
#include <string_view>

#include "core/random.h"

namespace tallinn {

using Id = std::string;

Id new_id(Random& random);

// True when `text` has the shape of an id. A well-formed id may still name
// nothing; callers answer both cases with the same 404.
bool is_id(std::string_view text);

// Lower-case hex of `size` bytes.
std::string to_hex(const uint8_t* bytes, size_t size);

}  // namespace tallinn
