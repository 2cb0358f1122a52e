#include "match/vocabulary.h"

#include <algorithm>
#include <array>

namespace tallinn::match {
namespace {

constexpr std::array<std::string_view, kSectorCount> kSectors = {
    "energy",
    "transport",
    "banking",
    "financial-market-infrastructure",
    "health",
    "drinking-water",
    "waste-water",
    "digital-infrastructure",
    "ict-service-management",
    "public-administration",
    "space",
    "postal",
    "waste-management",
    "chemicals",
    "food",
    "manufacturing",
    "digital-providers",
    "research",
};
constexpr std::array<std::string_view, kRegionCount> kRegions = {
    "UA-05", "UA-07", "UA-09", "UA-12", "UA-14", "UA-18", "UA-21", "UA-23", "UA-26",
    "UA-30", "UA-32", "UA-35", "UA-40", "UA-43", "UA-46", "UA-48", "UA-51", "UA-53",
    "UA-56", "UA-59", "UA-61", "UA-63", "UA-65", "UA-68", "UA-71", "UA-74", "UA-77",
};
constexpr std::array<std::string_view, kCategoryCount> kCategories = {
    "equipment",  "software",          "connectivity", "training",
    "assessment", "incident-response", "consulting",   "hosting",
};

std::optional<int> find_code(std::span<const std::string_view> names, std::string_view name) {
  auto found = std::find(names.begin(), names.end(), name);
  if (found == names.end()) return std::nullopt;
  return static_cast<int>(found - names.begin());
}

}  // namespace

std::span<const std::string_view> sector_names() { return kSectors; }
std::span<const std::string_view> region_names() { return kRegions; }
std::span<const std::string_view> category_names() { return kCategories; }

std::optional<int> sector_code(std::string_view name) { return find_code(kSectors, name); }
std::optional<int> region_code(std::string_view name) { return find_code(kRegions, name); }
std::optional<int> category_code(std::string_view name) { return find_code(kCategories, name); }

}  // namespace tallinn::match
