// How alike two needs are, as a score in [0, 1] for the back office's
// duplicate detection. Pure; the store gathers the evidence (the text
// through SQLite FTS5) and service/ ranks by this score.
#pragma once

namespace tallinn {

struct DuplicateEvidence {
  bool same_org = false;
  bool same_region = false;
  bool same_sector = false;
  bool same_category = false;
  // The share of the subject's distinct words that the candidate's text
  // contains, 0..1 (values outside are clamped).
  double text_similarity = 0;
};

// Weights: same beneficiary 0.20, same region 0.05, same sector 0.10, same
// category 0.20, text 0.45 (times the similarity). They sum to 1, and no
// two needs pass the threshold on where they are and what they ask for
// alone unless they share owner and category.
double duplicate_score(const DuplicateEvidence& evidence);

// Candidates scoring below this are not worth a back-office look.
inline constexpr double kDuplicateThreshold = 0.5;

}  // namespace tallinn
