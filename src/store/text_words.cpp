#include "store/text_words.h"

#include <set>

#include "core/ascii.h"

namespace tallinn::store {
namespace {

// Shorter words are mostly "the", "for", "and": they say nothing of a need.
constexpr size_t kMinWordBytes = 4;

bool is_word_byte(char c) { return is_ascii_alnum(c) || static_cast<unsigned char>(c) >= 0x80; }

}  // namespace

std::vector<std::string> distinct_words(std::string_view text, size_t max_words) {
  std::set<std::string> seen;
  std::vector<std::string> words;
  size_t at = 0;
  while (at < text.size() && words.size() < max_words) {
    while (at < text.size() && !is_word_byte(text[at])) ++at;
    size_t end = at;
    while (end < text.size() && is_word_byte(text[end])) ++end;
    std::string word(text.substr(at, end - at));
    at = end;
    word = ascii_lowercase(word);
    if (word.size() >= kMinWordBytes && seen.insert(word).second) words.push_back(word);
  }
  return words;
}

std::vector<TextMatch> with_text_similarity(std::vector<Need> candidates,
                                            const std::map<Id, double>& overlap) {
  std::vector<TextMatch> matches;
  for (Need& need : candidates) {
    auto found = overlap.find(need.id);
    double similarity = found == overlap.end() ? 0 : std::clamp(found->second, 0.0, 1.0);
    matches.push_back({std::move(need), similarity});
  }
  return matches;
}

}  // namespace tallinn::store
