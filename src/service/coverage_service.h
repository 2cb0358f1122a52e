// Reads over the coordination workflow's money: the ledger of one offer or
// need, coverage and gaps by sector, region, category or priority, the
// unfunded critical needs and the public summary. Aggregates are built only
// from records their reader may see; observers and the public get them with
// small cells suppressed (core/suppression.h) and no filters, so two of
// their queries never differ by a suppressed cell.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/coordination.h"
#include "core/suppression.h"
#include "policy/access.h"
#include "service/context.h"

namespace tallinn::service {

// Cumulative sums of one offer (in its currency) or need (EUR): approved
// counts allocations approved or further along, committed those committed
// or further, and so on. remaining = pledged - committed.
struct Ledger {
  Id record;
  std::string currency = "EUR";
  Cents pledged = 0;
  Cents approved = 0;
  Cents committed = 0;
  Cents delivered = 0;
  Cents verified = 0;
  Cents remaining = 0;
};

using ::tallinn::CoverageBy;  // core/coordination.h
// "sector", "region", "category" or "priority"; nullopt for anything else.
std::optional<CoverageBy> parse_coverage_by(std::string_view text);

struct Coverage {
  CoverageBy by = CoverageBy::kSector;
  bool suppressed = false;  // the reader is an observer or the public
  std::vector<CoverageCell> items;
};

struct UnfundedNeed {
  Need need;
  Cents committed = 0;
  Cents gap = 0;
};

// One donor's offers and what became of them, all in EUR at the table's
// rates (core/currency.h).
struct DonorPortfolio {
  Id org;
  int64_t offers = 0;
  Cents pledged = 0;
  Cents approved = 0;
  Cents committed = 0;
  Cents delivered = 0;
};

struct PublicSummary {
  Coverage by_sector;
  std::vector<Need> clear_needs;  // one page, without their access lists
  std::string next;               // the next page's cursor; empty on the last
};

class CoverageService {
 public:
  explicit CoverageService(Context& context) : context_(context) {}

  // The offices and the record's own organisation; kNotFound when the
  // actor may not see the record, kForbidden when it sees but is neither.
  Result<Ledger> offer_ledger(const policy::Actor& actor, const Id& offer);
  Result<Ledger> need_ledger(const policy::Actor& actor, const Id& need);

  Result<Coverage> coverage(const policy::Actor& actor, CoverageBy by);
  // Visible needs of priority 5 (or national priority 5) not fully
  // committed, largest gap first.
  Result<std::vector<UnfundedNeed>> unfunded_critical(const policy::Actor& actor);
  // The offices see every donor's portfolio, a donor its own; others are
  // kForbidden.
  Result<std::vector<DonorPortfolio>> donor_portfolios(const policy::Actor& actor);
  // Without sign-in: one page of the CLEAR needs in coverage (published to
  // closed), newest first, and coverage by sector suppressed. Always paged:
  // anyone may call it, so its cost must not grow with the database.
  // kMalformed naming "cursor" for a cursor no page gave.
  Result<PublicSummary> public_summary(const store::PageRequest& page);

 private:
  Context& context_;
};

}  // namespace tallinn::service
