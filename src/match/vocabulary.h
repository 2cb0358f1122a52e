// The closed vocabularies of matching.md: sectors (NIS2 annexes), regions
// (ISO 3166-2:UA) and need categories. A need's (sector, region, category)
// is its class; at most 18 x 27 x 8 classes exist, which is what lets the
// engine work on classes instead of individual needs.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace tallinn::match {

inline constexpr int kSectorCount = 18;
inline constexpr int kRegionCount = 27;
inline constexpr int kCategoryCount = 8;
inline constexpr int kClassCount = kSectorCount * kRegionCount * kCategoryCount;

// The names, in a fixed order; the index of a name is its code.
std::span<const std::string_view> sector_names();
std::span<const std::string_view> region_names();
std::span<const std::string_view> category_names();

// The code of `name` in its vocabulary, or nullopt when it is not in it.
std::optional<int> sector_code(std::string_view name);
std::optional<int> region_code(std::string_view name);
std::optional<int> category_code(std::string_view name);

// Dense class number in [0, kClassCount).
inline int class_of(int sector, int region, int category) {
  return (sector * kRegionCount + region) * kCategoryCount + category;
}
inline int sector_of_class(int class_id) { return class_id / (kRegionCount * kCategoryCount); }
inline int region_of_class(int class_id) { return class_id / kCategoryCount % kRegionCount; }
inline int category_of_class(int class_id) { return class_id % kCategoryCount; }

}  // namespace tallinn::match
