#include "core/assessment.h"

#include <algorithm>

namespace tallinn {
namespace {

struct MeasureInfo {
  std::string_view name;
  std::string_view label;  // how a need's title names the gap
  Category category;
};

// Indexed by Measure.
constexpr std::array<MeasureInfo, kMeasureCount> kMeasures = {{
    {"risk-analysis", "Risk analysis and security policies", Category::kAssessment},
    {"incident-handling", "Incident handling", Category::kIncidentResponse},
    {"business-continuity", "Business continuity and crisis management", Category::kHosting},
    {"supply-chain", "Supply chain security", Category::kConsulting},
    {"secure-development", "Secure acquisition, development and vulnerability handling",
     Category::kSoftware},
    {"effectiveness", "Assessing the effectiveness of security measures", Category::kAssessment},
    {"cyber-hygiene", "Cyber hygiene and training", Category::kTraining},
    {"cryptography", "Cryptography and encryption", Category::kSoftware},
    {"access-control", "Access control and asset management", Category::kSoftware},
    {"mfa", "Multi-factor authentication and secured communications", Category::kEquipment},
}};

// Indexed by Category; whole euros for an absent measure.
constexpr std::array<int64_t, kCategoryCount> kEstimateEuros = {
    40'000,  // equipment
    50'000,  // software
    35'000,  // connectivity
    15'000,  // training
    30'000,  // assessment
    60'000,  // incident-response
    25'000,  // consulting
    80'000,  // hosting
};

const MeasureInfo& info(Measure measure) { return kMeasures[static_cast<int>(measure)]; }

}  // namespace

std::string_view to_string(Measure measure) { return info(measure).name; }

std::optional<Measure> parse_measure(std::string_view text) {
  for (int index = 0; index < kMeasureCount; ++index) {
    if (kMeasures[index].name == text) return static_cast<Measure>(index);
  }
  return std::nullopt;
}

Category category_for(Measure measure) { return info(measure).category; }

Cents estimate_for(Category category) { return kEstimateEuros[static_cast<int>(category)] * 100; }

int priority_for(int score, int criticality) { return std::clamp(criticality + 1 - score, 1, 5); }

std::vector<GapNeed> derive_gap_needs(const Assessment& assessment) {
  std::vector<GapNeed> needs;
  for (int index = 0; index < kMeasureCount; ++index) {
    auto measure = static_cast<Measure>(index);
    const MeasureScore& scored = assessment.measure(measure);
    if (scored.score > kGapScore) continue;
    GapNeed need;
    need.measure = measure;
    need.category = category_for(measure);
    need.priority = priority_for(scored.score, assessment.criticality);
    need.amount = estimate_for(need.category) * (kGapScore + 1 - scored.score) / (kGapScore + 1);
    need.title =
        std::string(info(measure).label) + ": close the gap found in \"" + assessment.title + "\"";
    if (need.title.size() > kMaxTitleBytes) need.title = std::string(info(measure).label);
    need.description = "NIS2 Art. 21(2) measure " + std::string(info(measure).name) + " scored " +
                       std::to_string(scored.score) + "/5. Evidence: " + scored.evidence;
    needs.push_back(std::move(need));
  }
  return needs;
}

}  // namespace tallinn
