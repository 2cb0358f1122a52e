// Cyber-resilience assessments of one beneficiary, aligned with the NIS2
// risk-management measures (Directive (EU) 2022/2555, Article 21(2) a-j),
// and the derivation of draft needs from an assessment's gaps. Pure: no I/O.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.h"

namespace tallinn {

// Article 21(2), points a to j, in that order.
enum class Measure {
  kRiskAnalysis,        // a: risk analysis and information system security policies
  kIncidentHandling,    // b: incident handling
  kBusinessContinuity,  // c: business continuity, backup, disaster recovery, crisis management
  kSupplyChain,         // d: supply chain security
  kSecureDevelopment,   // e: security in acquisition, development, maintenance; vulnerabilities
  kEffectiveness,       // f: assessing the effectiveness of the measures
  kCyberHygiene,        // g: basic cyber hygiene and training
  kCryptography,        // h: cryptography and encryption
  kAccessControl,       // i: HR security, access control, asset management
  kMfa,                 // j: MFA, secured voice, video and text, emergency communications
};
inline constexpr int kMeasureCount = 10;

// The API spelling: "risk-analysis", "incident-handling", ...
std::string_view to_string(Measure measure);
std::optional<Measure> parse_measure(std::string_view text);

inline constexpr int kMaxMeasureScore = 5;
// A measure scored at or below this is a gap that deserves a need.
inline constexpr int kGapScore = 2;
// Evidence notes are short, so a derived need's description always fits.
inline constexpr size_t kMaxEvidenceBytes = 2'000;

struct MeasureScore {
  int score = 0;  // 0 = absent .. 5 = optimised
  std::string evidence;
  bool operator==(const MeasureScore&) const = default;
};

struct Assessment {
  Id id;
  Id org;  // the beneficiary assessed
  std::string title;
  Sector sector = Sector::kEnergy;
  Region region = 0;
  int criticality = 3;  // 1..5: how much depends on the entity (5 = nationally critical)
  std::array<MeasureScore, kMeasureCount> measures{};  // indexed by Measure
  Tlp tlp = Tlp::kAmberStrict;
  Access access;
  Id creator;
  int64_t version = 1;
  int64_t created_at = 0;
  int64_t updated_at = 0;

  const MeasureScore& measure(Measure which) const { return measures[static_cast<int>(which)]; }
};

// The category of help that closes a gap in `measure`.
Category category_for(Measure measure);

// The documented estimate of what closing an absent measure (score 0) costs
// in `category`, in cents; a gap scored s costs (3 - s) / 3 of it.
//   equipment 40 000, software 50 000, connectivity 35 000, training 15 000,
//   assessment 30 000, incident-response 60 000, consulting 25 000,
//   hosting 80 000 EUR.
Cents estimate_for(Category category);

// The priority (1..5) of the need for a gap scored `score` in an entity of
// `criticality`: criticality + 1 - score, clamped to 1..5, so a missing
// measure at a critical entity is 5 and a weak one at a minor entity is 1.
int priority_for(int score, int criticality);

// One draft need for one gap, before it is stored.
struct GapNeed {
  Measure measure = Measure::kRiskAnalysis;
  std::string title;
  std::string description;
  Category category = Category::kEquipment;
  int priority = 3;
  Cents amount = 0;
};

// One need for every measure scored at most kGapScore, in measure order.
std::vector<GapNeed> derive_gap_needs(const Assessment& assessment);

}  // namespace tallinn
