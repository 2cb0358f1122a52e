#include "match/vocabulary.h"

#include <array>

#include "core/vocabulary.h"

namespace tallinn::match {
namespace {

static_assert(kSectorCount == ::tallinn::kSectorCount && kRegionCount == ::tallinn::kRegionCount &&
              kCategoryCount == ::tallinn::kCategoryCount);

// The engine's codes are the indexes of core's vocabularies (core/vocabulary.h
// is the one list of names); these arrays only keep the names contiguous.
template <int kCount, typename Name>
std::array<std::string_view, kCount> names_by_code(Name name) {
  std::array<std::string_view, kCount> names;
  for (int code = 0; code < kCount; ++code) names[code] = name(code);
  return names;
}

template <typename Value>
std::optional<int> code_of(const std::optional<Value>& value) {
  if (!value) return std::nullopt;
  return static_cast<int>(*value);
}

}  // namespace

std::span<const std::string_view> sector_names() {
  static const auto names =
      names_by_code<kSectorCount>([](int code) { return to_string(static_cast<Sector>(code)); });
  return names;
}

std::span<const std::string_view> region_names() {
  static const auto names = names_by_code<kRegionCount>(
      [](int code) { return ::tallinn::region_code(static_cast<Region>(code)); });
  return names;
}

std::span<const std::string_view> category_names() {
  static const auto names = names_by_code<kCategoryCount>(
      [](int code) { return to_string(static_cast<Category>(code)); });
  return names;
}

std::optional<int> sector_code(std::string_view name) { return code_of(parse_sector(name)); }
std::optional<int> region_code(std::string_view name) { return code_of(parse_region(name)); }
std::optional<int> category_code(std::string_view name) { return code_of(parse_category(name)); }

}  // namespace tallinn::match
