// Use cases on cyber-resilience assessments (NIS2 Art. 21(2) a-j): create,
// read, list, and derive draft needs from an assessment's gaps. Assessments
// are marked records (AMBER+STRICT unless their author names another
// marking) decided by policy::decide() like needs; every write is audited.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/assessment.h"
#include "policy/access.h"
#include "service/context.h"

namespace tallinn::service {

struct AssessmentDraft {
  std::optional<Id> org;  // a beneficiary may leave it out: its own organisation
  std::string title;
  Sector sector = Sector::kEnergy;
  Region region = 0;
  int criticality = 3;
  std::array<MeasureScore, kMeasureCount> measures{};
  std::optional<Tlp> tlp;  // none: policy::default_marking(kAssessment)
  Access access;
};

class AssessmentService {
 public:
  explicit AssessmentService(Context& context) : context_(context) {}

  // Allowed to whoever may state the beneficiary's needs (access.md: the
  // beneficiary itself, the front and back office).
  Result<Assessment> create(const policy::Actor& actor, const AssessmentDraft& draft);
  // kNotFound when absent or invisible, alike.
  Result<Assessment> get(const policy::Actor& actor, const Id& id);
  Result<store::Page<Assessment>> list(const policy::Actor& actor,
                                       const store::AssessmentFilter& filter,
                                       const store::PageRequest& page);
  // Creates one draft need per gap (core/assessment.h derive_gap_needs),
  // owned by the assessed beneficiary, with the assessment's marking and
  // grants, linked back through Need::assessment; tells the beneficiary.
  // kConflict when needs were already derived from this assessment.
  Result<std::vector<Need>> create_needs(const policy::Actor& actor, const Id& id);

 private:
  Context& context_;
};

}  // namespace tallinn::service
