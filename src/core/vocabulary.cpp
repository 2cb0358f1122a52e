#include "core/vocabulary.h"

namespace tallinn {
namespace {

constexpr std::array<std::string_view, kSectorCount> kSectorNames = {
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

constexpr std::array<std::string_view, kCategoryCount> kCategoryNames = {
    "equipment",  "software",          "connectivity", "training",
    "assessment", "incident-response", "consulting",   "hosting",
};

constexpr std::array<std::string_view, kTlpCount> kTlpNames = {"CLEAR", "GREEN", "AMBER",
                                                               "AMBER+STRICT", "RED"};

constexpr std::array<std::string_view, kRoleCount> kRoleNames = {
    "beneficiary", "front_office", "back_office", "ua_authority",
    "donor",       "observer",     "implementer", "admin",
};

constexpr std::array<std::string_view, kNeedStatusCount> kNeedStatusNames = {
    "draft",     "submitted", "validated", "published", "matched",   "funded",    "delivering",
    "delivered", "verified",  "closed",    "rejected",  "withdrawn", "duplicate",
};

constexpr std::array<std::string_view, 2> kOfferStatusNames = {"open", "closed"};

struct RegionEntry {
  std::string_view code;
  std::string_view name;
};

// ISO 3166-2:UA: 24 oblasts, the Autonomous Republic of Crimea and the two
// cities with special status.
constexpr std::array<RegionEntry, kRegionCount> kRegions = {{
    {"UA-05", "Vinnytsia Oblast"},
    {"UA-07", "Volyn Oblast"},
    {"UA-09", "Luhansk Oblast"},
    {"UA-12", "Dnipropetrovsk Oblast"},
    {"UA-14", "Donetsk Oblast"},
    {"UA-18", "Zhytomyr Oblast"},
    {"UA-21", "Zakarpattia Oblast"},
    {"UA-23", "Zaporizhzhia Oblast"},
    {"UA-26", "Ivano-Frankivsk Oblast"},
    {"UA-30", "Kyiv"},
    {"UA-32", "Kyiv Oblast"},
    {"UA-35", "Kirovohrad Oblast"},
    {"UA-40", "Sevastopol"},
    {"UA-43", "Autonomous Republic of Crimea"},
    {"UA-46", "Lviv Oblast"},
    {"UA-48", "Mykolaiv Oblast"},
    {"UA-51", "Odesa Oblast"},
    {"UA-53", "Poltava Oblast"},
    {"UA-56", "Rivne Oblast"},
    {"UA-59", "Sumy Oblast"},
    {"UA-61", "Ternopil Oblast"},
    {"UA-63", "Kharkiv Oblast"},
    {"UA-65", "Kherson Oblast"},
    {"UA-68", "Khmelnytskyi Oblast"},
    {"UA-71", "Cherkasy Oblast"},
    {"UA-74", "Chernivtsi Oblast"},
    {"UA-77", "Chernihiv Oblast"},
}};

template <typename Enum, size_t N>
std::optional<Enum> find_name(const std::array<std::string_view, N>& names, std::string_view text) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == text) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(Sector value) { return kSectorNames[static_cast<int>(value)]; }
std::string_view to_string(Category value) { return kCategoryNames[static_cast<int>(value)]; }
std::string_view to_string(Tlp value) { return kTlpNames[static_cast<int>(value)]; }
std::string_view to_string(Role value) { return kRoleNames[static_cast<int>(value)]; }
std::string_view to_string(NeedStatus value) { return kNeedStatusNames[static_cast<int>(value)]; }
std::string_view to_string(OfferStatus value) { return kOfferStatusNames[static_cast<int>(value)]; }
std::string_view region_code(Region region) { return kRegions[region].code; }
std::string_view region_name(Region region) { return kRegions[region].name; }

std::optional<Sector> parse_sector(std::string_view text) {
  return find_name<Sector>(kSectorNames, text);
}
std::optional<Category> parse_category(std::string_view text) {
  return find_name<Category>(kCategoryNames, text);
}
std::optional<Tlp> parse_tlp(std::string_view text) { return find_name<Tlp>(kTlpNames, text); }
std::optional<Role> parse_role(std::string_view text) { return find_name<Role>(kRoleNames, text); }
std::optional<NeedStatus> parse_need_status(std::string_view text) {
  return find_name<NeedStatus>(kNeedStatusNames, text);
}
std::optional<OfferStatus> parse_offer_status(std::string_view text) {
  return find_name<OfferStatus>(kOfferStatusNames, text);
}
std::optional<Region> parse_region(std::string_view code) {
  for (int i = 0; i < kRegionCount; ++i) {
    if (kRegions[i].code == code) return i;
  }
  return std::nullopt;
}

bool is_office(Role role) {
  return role == Role::kFrontOffice || role == Role::kBackOffice || role == Role::kUaAuthority;
}

bool is_open(NeedStatus status) {
  switch (status) {
    case NeedStatus::kVerified:
    case NeedStatus::kClosed:
    case NeedStatus::kRejected:
    case NeedStatus::kWithdrawn:
    case NeedStatus::kDuplicate:
      return false;
    default:
      return true;
  }
}

}  // namespace tallinn
