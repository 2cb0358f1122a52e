#include "service/coverage_service.h"

#include <algorithm>
#include <map>

#include "core/currency.h"
#include "service/coordination_service.h"
#include "service/records.h"

namespace tallinn::service {
namespace {

using policy::Action;

bool in_coverage(NeedStatus status) {
  const int rank = static_cast<int>(status);
  return rank >= static_cast<int>(NeedStatus::kPublished) &&
         rank <= static_cast<int>(NeedStatus::kClosed);
}

bool suppressed_audience(const policy::Actor& actor) {
  return !actor.signed_in || actor.role == Role::kObserver;
}

// Adds `allocations` into a ledger; `amount_of` picks the currency.
template <typename AmountOf>
void add_up(Ledger& ledger, const std::vector<Allocation>& allocations, AmountOf amount_of) {
  for (const Allocation& allocation : allocations) {
    const Cents amount = amount_of(allocation);
    if (holds_money(allocation.status, false)) ledger.approved += amount;
    if (is_committed(allocation.status)) ledger.committed += amount;
    if (is_delivered(allocation.status)) ledger.delivered += amount;
    if (allocation.status == AllocationStatus::kVerified) ledger.verified += amount;
  }
  ledger.remaining = ledger.pledged - ledger.committed;
}

Status check_ledger_reader(const policy::Actor& actor, const policy::Record& record) {
  TALLINN_RETURN_IF_ERROR(policy::check(actor, Action::kRead, record));
  if (is_office(actor.role) || (!actor.org.empty() && actor.org == record.owner_org)) {
    return Status::ok();
  }
  return forbidden();
}

// Sums the store's groups of the needs in coverage into one cell per key,
// in key order.
Coverage build_coverage(const std::vector<store::CoverageGroup>& groups, CoverageBy by,
                        bool suppress) {
  std::map<std::string, CoverageCell> cells;
  for (const store::CoverageGroup& group : groups) {
    if (!in_coverage(group.status)) continue;
    CoverageCell& cell = cells[group.key];
    cell.key = group.key;
    cell.needed += group.needed;
    cell.approved += group.approved;
    cell.committed += group.committed;
    cell.delivered += group.delivered;
    cell.gap += group.gap;
    cell.count += group.count;
  }
  Coverage coverage{by, suppress, {}};
  for (auto& [key, cell] : cells) coverage.items.push_back(std::move(cell));
  if (suppress) suppress_small_cells(coverage.items);
  return coverage;
}

// The coverage of the needs `actor` may see: one aggregate query under the
// actor's read scope, which selects exactly the needs decide() lets it read.
Result<Coverage> scoped_coverage(store::Transaction& transaction, const policy::Actor& actor,
                                 CoverageBy by) {
  TALLINN_ASSIGN_OR_RETURN(std::vector<store::CoverageGroup> groups,
                           transaction.coverage_groups(policy::read_scope(actor), by));
  return build_coverage(groups, by, suppressed_audience(actor));
}

}  // namespace

std::optional<CoverageBy> parse_coverage_by(std::string_view text) {
  if (text == "sector") return CoverageBy::kSector;
  if (text == "region") return CoverageBy::kRegion;
  if (text == "category") return CoverageBy::kCategory;
  if (text == "priority") return CoverageBy::kPriority;
  return std::nullopt;
}

Result<Ledger> CoverageService::offer_ledger(const policy::Actor& actor, const Id& id) {
  TALLINN_ASSIGN_OR_RETURN(auto transaction, context_.store.begin(store::TransactionMode::kRead));
  TALLINN_ASSIGN_OR_RETURN(Offer offer, transaction->offer(id));
  TALLINN_RETURN_IF_ERROR(check_ledger_reader(actor, policy_record(offer)));
  TALLINN_ASSIGN_OR_RETURN(std::vector<Allocation> allocations,
                           transaction->list_allocations({.offer = id}));
  Ledger ledger{.record = id, .currency = offer.currency, .pledged = offer.budget};
  add_up(ledger, allocations, [](const Allocation& a) { return a.offer_amount; });
  return ledger;
}

Result<Ledger> CoverageService::need_ledger(const policy::Actor& actor, const Id& id) {
  TALLINN_ASSIGN_OR_RETURN(auto transaction, context_.store.begin(store::TransactionMode::kRead));
  TALLINN_ASSIGN_OR_RETURN(Need need, transaction->need(id));
  TALLINN_RETURN_IF_ERROR(check_ledger_reader(actor, policy_record(need)));
  TALLINN_ASSIGN_OR_RETURN(std::vector<Allocation> allocations,
                           transaction->list_allocations({.need = id}));
  Ledger ledger{.record = id, .currency = "EUR", .pledged = need.amount};
  add_up(ledger, allocations, [](const Allocation& a) { return a.amount; });
  return ledger;
}

Result<Coverage> CoverageService::coverage(const policy::Actor& actor, CoverageBy by) {
  TALLINN_ASSIGN_OR_RETURN(auto transaction, context_.store.begin(store::TransactionMode::kRead));
  return scoped_coverage(*transaction, actor, by);
}

Result<std::vector<UnfundedNeed>> CoverageService::unfunded_critical(const policy::Actor& actor) {
  TALLINN_ASSIGN_OR_RETURN(auto transaction, context_.store.begin(store::TransactionMode::kRead));
  // Priority 5 or national priority 5, newest first.
  TALLINN_ASSIGN_OR_RETURN(std::vector<store::NeedMoney> needs,
                           transaction->needs_of_priority(policy::read_scope(actor), 5));
  std::vector<UnfundedNeed> out;
  for (store::NeedMoney& entry : needs) {
    const Cents gap = entry.need.amount - entry.committed;
    if (!in_coverage(entry.need.status) || gap <= 0) continue;
    out.push_back(UnfundedNeed{std::move(entry.need), entry.committed, gap});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const UnfundedNeed& a, const UnfundedNeed& b) { return a.gap > b.gap; });
  return out;
}

Result<std::vector<DonorPortfolio>> CoverageService::donor_portfolios(const policy::Actor& actor) {
  const bool office = actor.signed_in && is_office(actor.role);
  if (!office && !(actor.signed_in && actor.role == Role::kDonor)) return forbidden();
  TALLINN_ASSIGN_OR_RETURN(auto transaction, context_.store.begin(store::TransactionMode::kRead));
  store::OfferFilter filter;
  if (!office) filter.org = actor.org;
  // One grouped query under the actor's read scope: the offers decide()
  // lets it read, each with its allocations' sums.
  TALLINN_ASSIGN_OR_RETURN(std::vector<store::OfferMoney> offers,
                           transaction->offer_money(policy::read_scope(actor), filter));
  std::map<Id, DonorPortfolio> portfolios;
  for (const store::OfferMoney& offer : offers) {
    const std::optional<int64_t> rate = rate_micros_of(offer.currency);
    if (!rate) return internal_error();
    DonorPortfolio& portfolio = portfolios[offer.org];
    portfolio.org = offer.org;
    portfolio.offers += 1;
    // Converted offer by offer, so that rounding is what each ledger shows.
    portfolio.pledged += convert_to_eur(offer.budget, *rate);
    portfolio.approved += offer.approved;
    portfolio.committed += offer.committed;
    portfolio.delivered += offer.delivered;
  }
  std::vector<DonorPortfolio> out;
  for (auto& [org, portfolio] : portfolios) out.push_back(std::move(portfolio));
  return out;
}

Result<PublicSummary> CoverageService::public_summary(const store::PageRequest& page) {
  const policy::Actor anonymous = policy::Actor::anonymous();
  TALLINN_ASSIGN_OR_RETURN(auto transaction, context_.store.begin(store::TransactionMode::kRead));
  PublicSummary summary;
  TALLINN_ASSIGN_OR_RETURN(summary.by_sector,
                           scoped_coverage(*transaction, anonymous, CoverageBy::kSector));
  // The scope and the statuses filter in SQL, keyset-paged; no grants are
  // read, as the summary shows none. decide() stays the one access decision.
  store::NeedFilter in_coverage_filter;
  for (int rank = static_cast<int>(NeedStatus::kPublished);
       rank <= static_cast<int>(NeedStatus::kClosed); ++rank) {
    in_coverage_filter.statuses.push_back(static_cast<NeedStatus>(rank));
  }
  TALLINN_ASSIGN_OR_RETURN(store::Page<Need> chunk,
                           transaction->list_needs_without_access(policy::read_scope(anonymous),
                                                                  in_coverage_filter, page));
  for (Need& need : chunk.items) {
    if (!in_coverage(need.status) || need.tlp != Tlp::kClear) continue;
    if (policy::decide(anonymous, Action::kRead, policy_record(need)) != policy::Verdict::kAllow) {
      continue;
    }
    summary.clear_needs.push_back(std::move(need));
  }
  summary.next = std::move(chunk.next);
  return summary;
}

}  // namespace tallinn::service
