// Duplicate detection for the back office (issue 5, point 2). Candidates
// are other open needs of the same beneficiary or region, found in SQL
// under the reader's ReadScope and ranked by core/duplicate_score.h (text
// similarity through the SQLite FTS5 index). A candidate is only ever shown to
// someone who may see both needs: the subject through the decision on
// kMarkDuplicate, each candidate through policy::decide(kRead).
#pragma once

#include <vector>

#include "core/domain.h"
#include "policy/access.h"
#include "service/context.h"

namespace tallinn::service {

// At most this many candidates are ranked, and this many kept per need.
inline constexpr int kDuplicatePool = 200;
inline constexpr size_t kDuplicatesKept = 10;

struct DuplicateCandidate {
  Id need;
  double score = 0;  // 0..1
};

// The candidates among `matches` scoring at least kDuplicateThreshold,
// best first (ties by id), at most kDuplicatesKept.
std::vector<DuplicateCandidate> rank_duplicates(const Need& subject,
                                                const std::vector<store::TextMatch>& matches);

// Runs detection for a need being submitted, inside the submitter's
// transaction, over every need, and keeps the best candidates; readers
// see them filtered (DuplicateService::kept).
Status keep_duplicates_on_submission(store::Transaction& transaction, const Need& subject);

// A submitted need in the validation queue, with the kept candidates its
// reader may see (none unless the reader may mark duplicates).
struct QueueItem {
  Need need;
  std::vector<DuplicateCandidate> possible_duplicates;
};

class DuplicateService {
 public:
  explicit DuplicateService(Context& context) : context_(context) {}

  // Ranks candidates now. kNotFound when the need is absent or invisible,
  // kForbidden unless the actor may mark it duplicate (the back office).
  Result<std::vector<DuplicateCandidate>> find(const policy::Actor& actor, const Id& need);

  // The submitted needs the actor may see, newest first, each with the
  // candidates kept at submission that the actor may see both sides of.
  Result<store::Page<QueueItem>> queue(const policy::Actor& actor, const store::PageRequest& page);

 private:
  Context& context_;
};

}  // namespace tallinn::service
