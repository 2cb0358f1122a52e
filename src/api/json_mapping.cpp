#include "api/json_mapping.h"

#include "core/money.h"
#include "core/random.h"

namespace tallinn::api {
namespace {

template <typename T, typename Format>
nlohmann::json names(const std::vector<T>& values, Format format) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& value : values) out.push_back(std::string(format(value)));
  return out;
}

nlohmann::json optional_text(const std::string& text) {
  return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text);
}

}  // namespace

nlohmann::json to_json(const Access& access) {
  return {{"orgs", access.orgs}, {"users", access.users}};
}

nlohmann::json to_json(const Need& need) {
  return {
      {"id", need.id},
      {"org", need.org},
      {"title", need.title},
      {"description", need.description},
      {"sector", to_string(need.sector)},
      {"region", region_code(need.region)},
      {"category", to_string(need.category)},
      {"amount", euros_from_cents(need.amount)},
      {"priority", need.priority},
      {"national_priority",
       need.national_priority ? nlohmann::json(*need.national_priority) : nlohmann::json(nullptr)},
      {"divisible", need.divisible},
      {"tlp", to_string(need.tlp)},
      {"status", to_string(need.status)},
      {"duplicate_of",
       need.duplicate_of ? nlohmann::json(*need.duplicate_of) : nlohmann::json(nullptr)},
      {"assessment", need.assessment ? nlohmann::json(*need.assessment) : nlohmann::json(nullptr)},
      {"access", to_json(need.access)},
      {"creator", need.creator},
      {"version", need.version},
      {"created_at", format_timestamp(need.created_at)},
      {"updated_at", format_timestamp(need.updated_at)},
  };
}

nlohmann::json to_json(const Assessment& assessment) {
  nlohmann::json measures = nlohmann::json::object();
  for (int index = 0; index < kMeasureCount; ++index) {
    const MeasureScore& scored = assessment.measures[index];
    measures[std::string(to_string(static_cast<Measure>(index)))] = {{"score", scored.score},
                                                                     {"evidence", scored.evidence}};
  }
  return {
      {"id", assessment.id},
      {"org", assessment.org},
      {"title", assessment.title},
      {"sector", to_string(assessment.sector)},
      {"region", region_code(assessment.region)},
      {"criticality", assessment.criticality},
      {"measures", std::move(measures)},
      {"tlp", to_string(assessment.tlp)},
      {"access", to_json(assessment.access)},
      {"creator", assessment.creator},
      {"version", assessment.version},
      {"created_at", format_timestamp(assessment.created_at)},
      {"updated_at", format_timestamp(assessment.updated_at)},
  };
}

nlohmann::json to_json(const service::DuplicateCandidate& candidate) {
  return {{"need", candidate.need}, {"score", candidate.score}};
}

nlohmann::json to_json(const service::QueueItem& item) {
  nlohmann::json need = to_json(item.need);
  need["possible_duplicates"] = items_to_json(item.possible_duplicates)["items"];
  return need;
}

nlohmann::json to_json(const service::InboxItem& item) {
  const Notification& notification = item.notification;
  return {
      {"id", notification.id},
      {"kind", notification.kind},
      {"record_type", notification.record_type},
      {"record_id", notification.record_id},
      {"title", item.title},
      {"tlp", to_string(item.tlp)},
      {"read", notification.read_at.has_value()},
      {"created_at", format_timestamp(notification.created_at)},
  };
}

nlohmann::json to_json(const Offer& offer) {
  return {
      {"id", offer.id},
      {"org", offer.org},
      {"title", offer.title},
      {"description", offer.description},
      {"budget", euros_from_cents(offer.budget)},
      {"currency", offer.currency},
      {"sectors", names(offer.sectors, [](Sector s) { return to_string(s); })},
      {"regions", names(offer.regions, region_code)},
      {"categories", names(offer.categories, [](Category c) { return to_string(c); })},
      {"tlp", to_string(offer.tlp)},
      {"status", to_string(offer.status)},
      {"access", to_json(offer.access)},
      {"creator", offer.creator},
      {"version", offer.version},
      {"created_at", format_timestamp(offer.created_at)},
      {"updated_at", format_timestamp(offer.updated_at)},
  };
}

nlohmann::json to_json(const Organisation& organisation) {
  return {
      {"id", organisation.id},
      {"name", organisation.name},
      {"kind", to_string(organisation.kind)},
      {"country", optional_text(organisation.country)},
      {"version", organisation.version},
      {"created_at", format_timestamp(organisation.created_at)},
      {"updated_at", format_timestamp(organisation.updated_at)},
  };
}

nlohmann::json to_json(const User& user) {
  return {
      {"id", user.id},
      {"org", user.org},
      {"email", user.email},
      {"role", to_string(user.role)},
      {"disabled", user.disabled},
      {"version", user.version},
      {"created_at", format_timestamp(user.created_at)},
      {"updated_at", format_timestamp(user.updated_at)},
  };
}

// actor_user and sequence exist only for the readers of the whole trail, so
// the keys themselves are absent for everyone else.
nlohmann::json to_json(const service::HistoryEntry& entry) {
  nlohmann::json out = {
      {"time", format_timestamp(entry.time)},
      {"action", entry.action},
      {"outcome", entry.outcome},
      {"changed_fields", entry.changed_fields},
      {"actor_org", optional_text(entry.actor_org)},
      {"actor_org_name", optional_text(entry.actor_org_name)},
  };
  if (entry.full) {
    out["sequence"] = entry.sequence;
    out["actor_user"] = optional_text(entry.actor_user);
  }
  return out;
}

nlohmann::json to_json(const AuditEntry& entry) {
  return {
      {"sequence", entry.sequence},
      {"time", format_timestamp(entry.time)},
      {"actor_user", optional_text(entry.actor_user)},
      {"actor_org", optional_text(entry.actor_org)},
      {"action", entry.action},
      {"record_type", optional_text(entry.record_type)},
      {"record_id", optional_text(entry.record_id)},
      {"outcome", entry.outcome},
      {"changed_fields", entry.changed_fields},
      {"state_digest", optional_text(entry.state_digest)},
      {"previous_hash", entry.previous_hash},
      {"hash", entry.hash},
  };
}

namespace {

nlohmann::json optional_id(const Id& id) {
  return id.empty() ? nlohmann::json(nullptr) : nlohmann::json(id);
}

// Stored JSON written by matchio; a run that does not parse is a bug.
nlohmann::json stored_json(const std::string& text) {
  return nlohmann::json::parse(text, nullptr, false);
}

const char* coverage_by_name(service::CoverageBy by) {
  switch (by) {
    case service::CoverageBy::kSector:
      return "sector";
    case service::CoverageBy::kRegion:
      return "region";
    case service::CoverageBy::kCategory:
      return "category";
    case service::CoverageBy::kPriority:
      return "priority";
  }
  return "sector";
}

nlohmann::json to_json(const AllocationDecision& decision) {
  return {
      {"id", decision.id},
      {"meeting", decision.meeting},
      {"decision", to_string(decision.decision)},
      {"reason", decision.reason},
      {"corrects",
       decision.corrects ? nlohmann::json(*decision.corrects) : nlohmann::json(nullptr)},
      {"creator", decision.creator},
      {"created_at", format_timestamp(decision.created_at)},
  };
}

nlohmann::json to_json(const DeliveryReport& report) {
  nlohmann::json attachment = nullptr;
  if (report.attachment) {
    const std::string& data = report.attachment->base64;
    size_t padding = 0;
    for (size_t index = data.size(); index > 0 && data[index - 1] == '='; --index) ++padding;
    attachment = {{"name", report.attachment->name},
                  {"content_type", report.attachment->content_type},
                  {"size", data.size() / 4 * 3 - padding}};
  }
  return {
      {"id", report.id},
      {"percent", report.percent},
      {"note", report.note},
      {"milestone", optional_text(report.milestone)},
      {"attachment", attachment},
      {"creator", report.creator},
      {"created_at", format_timestamp(report.created_at)},
  };
}

nlohmann::json to_json(const CoverageCell& cell) {
  if (cell.suppressed) return {{"key", cell.key}, {"suppressed", true}};
  return {
      {"key", cell.key},
      {"needed", euros_from_cents(cell.needed)},
      {"approved", euros_from_cents(cell.approved)},
      {"committed", euros_from_cents(cell.committed)},
      {"delivered", euros_from_cents(cell.delivered)},
      {"gap", euros_from_cents(cell.gap)},
      {"count", cell.count},
  };
}

}  // namespace

nlohmann::json to_json(const MatchingRun& run) {
  nlohmann::json result = stored_json(run.result_json);
  return {
      {"id", run.id},
      {"status", run.status},
      {"objective", run.objective},
      {"bound", run.bound},
      {"engine_version", run.engine_version},
      {"time_limit", run.time_limit_seconds},
      {"input_sha256", run.input_sha256},
      {"input", stored_json(run.input_json)},
      {"allocations", result.value("allocations", nlohmann::json::array())},
      {"explanation", result.value("explanation", nlohmann::json::object())},
      {"creator", run.creator},
      {"created_at", format_timestamp(run.created_at)},
  };
}

nlohmann::json to_json(const service::AllocationView& view) {
  const Allocation& allocation = view.allocation;
  nlohmann::json need = {
      {"sector", to_string(view.need.sector)},
      {"region", region_code(view.need.region)},
      {"category", to_string(view.need.category)},
      {"amount", euros_from_cents(view.need.amount)},
      {"priority", view.need.priority},
  };
  if (view.need.title) need["title"] = *view.need.title;
  nlohmann::json decisions = nlohmann::json::array();
  for (const AllocationDecision& decision : view.decisions) decisions.push_back(to_json(decision));
  nlohmann::json reports = nlohmann::json::array();
  for (const DeliveryReport& report : view.reports) reports.push_back(to_json(report));
  return {
      {"id", allocation.id},
      {"proposal", allocation.proposal},
      {"run", allocation.run},
      {"need", allocation.need},
      {"offer", allocation.offer},
      {"offer_org", allocation.offer_org},
      {"amount", euros_from_cents(allocation.amount)},
      {"currency", allocation.currency},
      {"rate", static_cast<double>(allocation.rate_micros) / 1e6},
      {"offer_amount", euros_from_cents(allocation.offer_amount)},
      {"status", to_string(allocation.status)},
      {"implementer", optional_id(allocation.implementer_org)},
      {"committing_org", optional_id(allocation.committing_org)},
      {"percent", allocation.percent},
      {"tlp", to_string(allocation.tlp)},
      {"need_summary", std::move(need)},
      {"decisions", std::move(decisions)},
      {"reports", std::move(reports)},
      {"version", allocation.version},
      {"created_at", format_timestamp(allocation.created_at)},
      {"updated_at", format_timestamp(allocation.updated_at)},
  };
}

nlohmann::json to_json(const std::vector<service::AllocationView>& views) {
  nlohmann::json items = nlohmann::json::array();
  for (const service::AllocationView& view : views) items.push_back(to_json(view));
  return {{"items", std::move(items)}};
}

nlohmann::json to_json(const service::ProposalView& proposal) {
  nlohmann::json out = to_json(proposal.allocations);
  return {{"id", proposal.proposal.id},
          {"run", proposal.proposal.run},
          {"allocations", std::move(out["items"])},
          {"created_at", format_timestamp(proposal.proposal.created_at)}};
}

nlohmann::json to_json(const Meeting& meeting) {
  return {
      {"id", meeting.id},
      {"title", meeting.title},
      {"agenda", meeting.agenda},
      {"minutes", meeting.minutes},
      {"attendance", meeting.attendance},
      {"status", to_string(meeting.status)},
      {"creator", meeting.creator},
      {"version", meeting.version},
      {"created_at", format_timestamp(meeting.created_at)},
      {"updated_at", format_timestamp(meeting.updated_at)},
  };
}

nlohmann::json to_json(const service::Ledger& ledger) {
  return {
      {"record", ledger.record},
      {"currency", ledger.currency},
      {"pledged", euros_from_cents(ledger.pledged)},
      {"approved", euros_from_cents(ledger.approved)},
      {"committed", euros_from_cents(ledger.committed)},
      {"delivered", euros_from_cents(ledger.delivered)},
      {"verified", euros_from_cents(ledger.verified)},
      {"remaining", euros_from_cents(ledger.remaining)},
  };
}

nlohmann::json to_json(const service::Coverage& coverage) {
  nlohmann::json items = nlohmann::json::array();
  for (const CoverageCell& cell : coverage.items) items.push_back(to_json(cell));
  return {{"by", coverage_by_name(coverage.by)},
          {"suppressed_below",
           coverage.suppressed ? nlohmann::json(kMinCellRecords) : nlohmann::json(nullptr)},
          {"items", std::move(items)}};
}

nlohmann::json to_json(const std::vector<service::UnfundedNeed>& needs) {
  nlohmann::json items = nlohmann::json::array();
  for (const service::UnfundedNeed& entry : needs) {
    items.push_back({{"need", entry.need.id},
                     {"title", entry.need.title},
                     {"sector", to_string(entry.need.sector)},
                     {"region", region_code(entry.need.region)},
                     {"category", to_string(entry.need.category)},
                     {"priority", entry.need.priority},
                     {"amount", euros_from_cents(entry.need.amount)},
                     {"committed", euros_from_cents(entry.committed)},
                     {"gap", euros_from_cents(entry.gap)}});
  }
  return {{"items", std::move(items)}};
}

nlohmann::json to_json(const std::vector<service::DonorPortfolio>& portfolios) {
  nlohmann::json items = nlohmann::json::array();
  for (const service::DonorPortfolio& portfolio : portfolios) {
    items.push_back({{"org", portfolio.org},
                     {"offers", portfolio.offers},
                     {"currency", "EUR"},
                     {"pledged", euros_from_cents(portfolio.pledged)},
                     {"approved", euros_from_cents(portfolio.approved)},
                     {"committed", euros_from_cents(portfolio.committed)},
                     {"delivered", euros_from_cents(portfolio.delivered)}});
  }
  return {{"items", std::move(items)}};
}

nlohmann::json to_json(const service::PublicSummary& summary) {
  nlohmann::json needs = nlohmann::json::array();
  for (const Need& need : summary.clear_needs) {
    needs.push_back({{"id", need.id},
                     {"title", need.title},
                     {"sector", to_string(need.sector)},
                     {"region", region_code(need.region)},
                     {"category", to_string(need.category)},
                     {"amount", euros_from_cents(need.amount)},
                     {"status", to_string(need.status)}});
  }
  return {{"coverage", to_json(summary.by_sector)},
          {"needs", std::move(needs)},
          {"next", summary.next.empty() ? nlohmann::json(nullptr) : nlohmann::json(summary.next)}};
}

}  // namespace tallinn::api
