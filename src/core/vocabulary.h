// The closed vocabularies of api.md: NIS2 sectors, ISO 3166-2:UA regions,
// categories of help, TLP 2.0 markings, organisation kinds (= roles) and the
// states of a need. Each enum has one spelling on the wire, given by
// to_string() and accepted by the matching parse_*() function.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace tallinn {

enum class Sector {
  kEnergy,
  kTransport,
  kBanking,
  kFinancialMarketInfrastructure,
  kHealth,
  kDrinkingWater,
  kWasteWater,
  kDigitalInfrastructure,
  kIctServiceManagement,
  kPublicAdministration,
  kSpace,
  kPostal,
  kWasteManagement,
  kChemicals,
  kFood,
  kManufacturing,
  kDigitalProviders,
  kResearch,
};
inline constexpr int kSectorCount = 18;

enum class Category {
  kEquipment,
  kSoftware,
  kConnectivity,
  kTraining,
  kAssessment,
  kIncidentResponse,
  kConsulting,
  kHosting,
};
inline constexpr int kCategoryCount = 8;

// TLP 2.0, ordered from least to most restrictive: raising a marking moves
// right, lowering moves left.
enum class Tlp { kClear, kGreen, kAmber, kAmberStrict, kRed };
inline constexpr int kTlpCount = 5;

// An organisation's kind fixes the role of every user in it (access.md).
enum class Role {
  kBeneficiary,
  kFrontOffice,
  kBackOffice,
  kUaAuthority,
  kDonor,
  kObserver,
  kImplementer,
  kAdmin,
};
inline constexpr int kRoleCount = 8;

enum class NeedStatus {
  kDraft,
  kSubmitted,
  kValidated,
  kPublished,
  kMatched,
  kFunded,
  kDelivering,
  kDelivered,
  kVerified,
  kClosed,
  kRejected,
  kWithdrawn,
  kDuplicate,
};
inline constexpr int kNeedStatusCount = 13;

enum class OfferStatus { kOpen, kClosed };

// A region is an ISO 3166-2:UA subdivision code such as "UA-30" (Kyiv city);
// it is kept as its index into regions().
using Region = int;
inline constexpr int kRegionCount = 27;

std::string_view to_string(Sector value);
std::string_view to_string(Category value);
std::string_view to_string(Tlp value);
std::string_view to_string(Role value);
std::string_view to_string(NeedStatus value);
std::string_view to_string(OfferStatus value);
std::string_view region_code(Region region);
// The English name of a region, for people ("Kharkiv Oblast").
std::string_view region_name(Region region);

std::optional<Sector> parse_sector(std::string_view text);
std::optional<Category> parse_category(std::string_view text);
std::optional<Tlp> parse_tlp(std::string_view text);
std::optional<Role> parse_role(std::string_view text);
std::optional<NeedStatus> parse_need_status(std::string_view text);
std::optional<OfferStatus> parse_offer_status(std::string_view text);
std::optional<Region> parse_region(std::string_view code);

// The three offices of access.md: front office, back office, UA authority.
bool is_office(Role role);

// True for the states from which a need can still be rejected, withdrawn or
// marked duplicate (api.md: "from any open state").
bool is_open(NeedStatus status);

}  // namespace tallinn
