// The words of a need's text that duplicate detection looks up, the same
// for both backends (sqlite/duplicate_repository.cpp, postgres/
// duplicate_repository.cpp), so a candidate's text similarity means the same
// on either.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.h"

namespace tallinn::store {

// How many of a subject's words duplicate detection looks up.
inline constexpr size_t kDuplicateQueryWords = 32;

// The first `max_words` distinct words of `text` (runs of letters, digits
// and non-ASCII bytes, ASCII-lowercased, 4 bytes or more), in order. Each is
// bound as one value, so no input is read as query syntax.
std::vector<std::string> distinct_words(std::string_view text, size_t max_words);

// `candidates` in their order, each with its share of the subject's words
// from `overlap` (by need id; absent: 0), clamped to 0..1.
std::vector<TextMatch> with_text_similarity(std::vector<Need> candidates,
                                            const std::map<Id, double>& overlap);

}  // namespace tallinn::store
