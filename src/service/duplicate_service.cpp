#include "service/duplicate_service.h"

#include <algorithm>

#include "core/duplicate_score.h"
#include "service/need_service.h"
#include "service/records.h"

namespace tallinn::service {
namespace {

bool may_read(const policy::Actor& actor, const Need& need) {
  return policy::decide(actor, policy::Action::kRead, policy_record(need)) ==
         policy::Verdict::kAllow;
}

bool may_mark_duplicate(const policy::Actor& actor, const Need& need) {
  return policy::decide(actor, policy::Action::kMarkDuplicate, policy_record(need)) ==
         policy::Verdict::kAllow;
}

// The kept candidates of `need` that `actor` may see.
Result<std::vector<DuplicateCandidate>> visible_kept(store::Transaction& transaction,
                                                     const policy::Actor& actor, const Need& need) {
  std::vector<DuplicateCandidate> visible;
  if (!may_mark_duplicate(actor, need)) return visible;
  TALLINN_ASSIGN_OR_RETURN(auto kept, transaction.duplicate_matches(need.id));
  for (const store::DuplicateMatch& match : kept) {
    Result<Need> candidate = transaction.need(match.candidate);
    if (candidate.is_ok() && may_read(actor, *candidate)) {
      visible.push_back({match.candidate, match.score});
    }
  }
  return visible;
}

}  // namespace

std::vector<DuplicateCandidate> rank_duplicates(const Need& subject,
                                                const std::vector<store::TextMatch>& matches) {
  std::vector<DuplicateCandidate> ranked;
  for (const store::TextMatch& match : matches) {
    const Need& other = match.need;
    DuplicateEvidence evidence{other.org == subject.org, other.region == subject.region,
                               other.sector == subject.sector, other.category == subject.category,
                               match.text_similarity};
    double score = duplicate_score(evidence);
    if (score >= kDuplicateThreshold) ranked.push_back({other.id, score});
  }
  std::sort(ranked.begin(), ranked.end(), [](const auto& left, const auto& right) {
    return left.score != right.score ? left.score > right.score : left.need < right.need;
  });
  if (ranked.size() > kDuplicatesKept) ranked.resize(kDuplicatesKept);
  return ranked;
}

Status keep_duplicates_on_submission(store::Transaction& transaction, const Need& subject) {
  // Detection at submission looks at every need; what it keeps is filtered
  // for each reader.
  TALLINN_ASSIGN_OR_RETURN(auto matches, transaction.duplicate_candidates(ReadScope::unrestricted(),
                                                                          subject, kDuplicatePool));
  std::vector<store::DuplicateMatch> kept;
  for (const DuplicateCandidate& candidate : rank_duplicates(subject, matches)) {
    kept.push_back({candidate.need, candidate.score});
  }
  return transaction.replace_duplicate_matches(subject.id, kept);
}

Result<std::vector<DuplicateCandidate>> DuplicateService::find(const policy::Actor& actor,
                                                               const Id& id) {
  TALLINN_ASSIGN_OR_RETURN(auto transaction, context_.store.begin(store::TransactionMode::kRead));
  TALLINN_ASSIGN_OR_RETURN(Need subject, transaction->need(id));
  TALLINN_RETURN_IF_ERROR(
      policy::check(actor, policy::Action::kMarkDuplicate, policy_record(subject)));
  TALLINN_ASSIGN_OR_RETURN(auto matches, transaction->duplicate_candidates(
                                             policy::read_scope(actor), subject, kDuplicatePool));
  // The SQL scope already hides what the actor may not see; the decision
  // checks each candidate again, as every read path does.
  std::erase_if(matches,
                [&](const store::TextMatch& match) { return !may_read(actor, match.need); });
  return rank_duplicates(subject, matches);
}

Result<store::Page<QueueItem>> DuplicateService::queue(const policy::Actor& actor,
                                                       const store::PageRequest& page) {
  TALLINN_ASSIGN_OR_RETURN(auto transaction, context_.store.begin(store::TransactionMode::kRead));
  store::NeedFilter submitted;
  submitted.status = NeedStatus::kSubmitted;
  TALLINN_ASSIGN_OR_RETURN(store::Page<Need> needs,
                           transaction->list_needs(policy::read_scope(actor), submitted, page));
  store::Page<QueueItem> queue;
  queue.next = needs.next;
  for (Need& need : needs.items) {
    TALLINN_ASSIGN_OR_RETURN(auto duplicates, visible_kept(*transaction, actor, need));
    TALLINN_RETURN_IF_ERROR(hide_invisible_links(*transaction, actor, need));
    queue.items.push_back({std::move(need), std::move(duplicates)});
  }
  return queue;
}

}  // namespace tallinn::service
