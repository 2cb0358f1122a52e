#include "core/duplicate_score.h"

#include <algorithm>

namespace tallinn {

double duplicate_score(const DuplicateEvidence& evidence) {
  double score = 0;
  if (evidence.same_org) score += 0.20;
  if (evidence.same_region) score += 0.05;
  if (evidence.same_sector) score += 0.10;
  if (evidence.same_category) score += 0.20;
  score += 0.45 * std::clamp(evidence.text_similarity, 0.0, 1.0);
  return std::clamp(score, 0.0, 1.0);
}

}  // namespace tallinn
