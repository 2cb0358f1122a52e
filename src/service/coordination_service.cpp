#include "service/coordination_service.h"

#include <algorithm>
#include <chrono>

#include "auth/token.h"
#include "core/currency.h"
#include "match/solve.h"
#include "match/vocabulary.h"
#include "matchio/instance_reader.h"
#include "matchio/result_writer.h"
#include "observe/metrics.h"
#include "service/notifications.h"
#include "service/records.h"
#include "service/write.h"

namespace tallinn::service {
namespace {

using policy::Action;

constexpr int kListPageSize = 200;

// Runs, proposals and meetings concern no single record: the decision is
// taken on an organisation-kind record, which every signed-in user sees, so
// a refusal is 403 rather than a pretended absence.
policy::Record workflow_record() {
  policy::Record record;
  record.kind = policy::RecordKind::kOrganisation;
  return record;
}

template <typename T, typename List>
Result<std::vector<T>> collect_all(List list) {
  std::vector<T> items;
  store::PageRequest page{.limit = kListPageSize, .cursor = {}};
  while (true) {
    TALLINN_ASSIGN_OR_RETURN(store::Page<T> chunk, list(page));
    for (T& item : chunk.items) items.push_back(std::move(item));
    if (chunk.next.empty()) return items;
    page.cursor = chunk.next;
  }
}

int class_of(const Need& need) {
  return match::class_of(*match::sector_code(to_string(need.sector)),
                         *match::region_code(region_code(need.region)),
                         *match::category_code(to_string(need.category)));
}

template <typename Value, typename Code>
uint32_t mask_of(const std::vector<Value>& values, uint32_t any, Code code) {
  if (values.empty()) return any;
  uint32_t mask = 0;
  for (const Value& value : values) mask |= 1u << *code(value);
  return mask;
}

bool takes_allocations(NeedStatus status) {
  return status == NeedStatus::kPublished || status == NeedStatus::kMatched ||
         status == NeedStatus::kFunded;
}

// What an allocation still holds of its need (EUR) and its offer (offer
// currency), summed over `allocations` whose status `counts`.
struct Held {
  Cents need_eur = 0;
  Cents offer_amount = 0;
};

template <typename Counts>
Result<Held> held_by(store::Transaction& transaction, const store::AllocationFilter& filter,
                     Counts counts) {
  TALLINN_ASSIGN_OR_RETURN(std::vector<Allocation> allocations,
                           transaction.list_allocations(filter));
  Held held;
  for (const Allocation& allocation : allocations) {
    if (!counts(allocation.status)) continue;
    held.need_eur += allocation.amount;
    held.offer_amount += allocation.offer_amount;
  }
  return held;
}

Result<Cents> open_need_amount(store::Transaction& transaction, const Need& need) {
  TALLINN_ASSIGN_OR_RETURN(Held held, held_by(transaction, {.need = need.id}, [](auto status) {
                             return holds_money(status, true);
                           }));
  return std::max<Cents>(0, need.amount - held.need_eur);
}

// The offer's budget not yet held, in the offer's currency.
Result<Cents> open_offer_amount(store::Transaction& transaction, const Offer& offer) {
  TALLINN_ASSIGN_OR_RETURN(Held held, held_by(transaction, {.offer = offer.id}, [](auto status) {
                             return holds_money(status, true);
                           }));
  return std::max<Cents>(0, offer.budget - held.offer_amount);
}

// EUR cents never worth more than `amount` of the currency.
Cents eur_within(Cents amount, int64_t rate_micros) {
  Cents eur = convert_to_eur(amount, rate_micros);
  while (eur > 0 && convert_from_eur(eur, rate_micros) > amount) --eur;
  return eur;
}

// Moves the need forward to `target` along api.md's lifecycle, never back.
Status advance_need(store::Transaction& transaction, const Id& need_id, NeedStatus target,
                    int64_t now, AuditEvent& event) {
  TALLINN_ASSIGN_OR_RETURN(Need need, transaction.need(need_id));
  const auto rank = [](NeedStatus status) { return static_cast<int>(status); };
  if (rank(need.status) < rank(NeedStatus::kPublished) || rank(need.status) >= rank(target) ||
      rank(need.status) > rank(NeedStatus::kVerified)) {
    return Status::ok();
  }
  need.status = target;
  need.updated_at = now;
  TALLINN_RETURN_IF_ERROR(transaction.update_need(need, need.version));
  event.changed_fields.push_back("need.status");
  return Status::ok();
}

// A run holds what its creator could see: another back-office user who may
// not see one of its records (a RED need naming only the creator) neither
// reads nor proposes the run; it is kNotFound to them.
Status check_input_visible(store::Transaction& transaction, const policy::Actor& actor,
                           const match::Instance& instance) {
  for (const match::Need& input : instance.needs) {
    TALLINN_ASSIGN_OR_RETURN(Need need, transaction.need(input.id));
    if (policy::decide(actor, Action::kRead, policy_record(need)) != policy::Verdict::kAllow) {
      return not_found();
    }
  }
  for (const match::Offer& input : instance.offers) {
    TALLINN_ASSIGN_OR_RETURN(Offer offer, transaction.offer(input.id));
    if (policy::decide(actor, Action::kRead, policy_record(offer)) != policy::Verdict::kAllow) {
      return not_found();
    }
  }
  return Status::ok();
}

Result<AllocationView> view_of(store::Transaction& transaction, const policy::Actor& actor,
                               Allocation allocation) {
  AllocationView view;
  TALLINN_ASSIGN_OR_RETURN(view.need, need_summary(transaction, actor, allocation.need));
  TALLINN_ASSIGN_OR_RETURN(view.decisions, transaction.decisions_of(allocation.id));
  TALLINN_ASSIGN_OR_RETURN(view.reports, transaction.reports_of(allocation.id));
  view.allocation = std::move(allocation);
  return view;
}

// Loads an allocation the actor may see and may act on with `action`.
Result<Allocation> load_for(store::Transaction& transaction, const policy::Actor& actor,
                            const Id& id, Action action) {
  TALLINN_ASSIGN_OR_RETURN(Allocation allocation, transaction.allocation(id));
  TALLINN_RETURN_IF_ERROR(policy::check(actor, Action::kRead, policy_record(allocation)));
  TALLINN_RETURN_IF_ERROR(policy::check(actor, action, policy_record(allocation)));
  return allocation;
}

// Who hears of an allocation event: organisations (an empty id, as for an
// implementer not yet assigned, is skipped, and each is told once) and
// roles. Each reader's inbox checks the allocation again when read.
struct Audience {
  std::vector<Id> orgs;
  std::vector<Role> roles;
  Id except_org;  // the acting organisation, which knows already
};

Status tell(store::Transaction& transaction, Context& context, const Allocation& allocation,
            const std::string& event, const Audience& audience) {
  const Notice notice{"allocation." + event, "allocation", allocation.id};
  std::vector<Id> told;
  for (const Id& org : audience.orgs) {
    if (org.empty() || org == audience.except_org ||
        std::find(told.begin(), told.end(), org) != told.end()) {
      continue;
    }
    told.push_back(org);
    TALLINN_RETURN_IF_ERROR(notify_organisation(transaction, context, org, notice));
  }
  for (Role role : audience.roles) {
    TALLINN_RETURN_IF_ERROR(notify_role(transaction, context, role, notice));
  }
  return Status::ok();
}

Status save(store::Transaction& transaction, Allocation& allocation, int64_t now,
            AuditEvent& event) {
  allocation.updated_at = now;
  TALLINN_RETURN_IF_ERROR(transaction.update_allocation(allocation, allocation.version));
  allocation.version += 1;
  event.state = canonical_state(allocation);
  return Status::ok();
}

Status wrong_state(const Allocation& allocation, const char* what) {
  return conflict(std::string("an allocation that is ") +
                  std::string(to_string(allocation.status)) + " cannot be " + what);
}

Result<std::string> decode_base64(const std::string& text) {
  static constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  size_t padding = 0;
  for (char c : text) {
    if (c == '=') {
      ++padding;
      continue;
    }
    const size_t value = kAlphabet.find(c);
    if (value == std::string_view::npos || padding > 0) {
      return invalid("attachment.data", "must be base64");
    }
    buffer = (buffer << 6) | static_cast<uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xff));
    }
  }
  if (padding > 2 || (text.size() % 4) != 0) return invalid("attachment.data", "must be base64");
  return out;
}

}  // namespace

std::string NeedSummary::display_title() const {
  if (title) return *title;
  return std::string(to_string(category)) + " for " + std::string(to_string(sector)) + " in " +
         std::string(region_code(region));
}

Result<NeedSummary> need_summary(store::Transaction& transaction, const policy::Actor& reader,
                                 const Id& need_id) {
  TALLINN_ASSIGN_OR_RETURN(Need need, transaction.need(need_id));
  NeedSummary summary{need.sector, need.region,   need.category,
                      need.amount, need.priority, std::nullopt};
  if (policy::decide(reader, Action::kRead, policy_record(need)) == policy::Verdict::kAllow) {
    summary.title = need.title;
  }
  return summary;
}

Status check_attachment(const Attachment& attachment) {
  if (attachment.base64.size() > (kMaxAttachmentBytes + 2) / 3 * 4) {
    return Status(ErrorCode::kTooLarge, "the attachment is over 512 KiB", "attachment.data");
  }
  TALLINN_ASSIGN_OR_RETURN(std::string bytes, decode_base64(attachment.base64));
  const auto starts = [&](std::string_view magic) { return bytes.starts_with(magic); };
  bool matches = false;
  if (attachment.content_type == "application/pdf") {
    matches = starts("%PDF-");
  } else if (attachment.content_type == "image/png") {
    matches = starts("\x89PNG\r\n\x1a\n");
  } else if (attachment.content_type == "image/jpeg") {
    matches = starts("\xff\xd8\xff");
  } else {
    return invalid("attachment.content_type", "must be application/pdf, image/png or image/jpeg");
  }
  if (!matches) return invalid("attachment.data", "does not match its content_type");
  return Status::ok();
}

Result<MatchingRun> CoordinationService::run_matching(const policy::Actor& actor,
                                                      double time_limit_seconds) {
  AuditEvent event{.action = "matching.run", .record_type = "matching_run"};
  if (!(time_limit_seconds > 0 && time_limit_seconds <= 60)) {
    return invalid("time_limit", "must be more than 0 and at most 60 seconds");
  }
  if (Status allowed = policy::check(actor, Action::kRunMatching, workflow_record());
      !allowed.is_ok()) {
    audit_refusal(context_, actor, event, allowed);
    return allowed;
  }
  // The input: only records the actor may see (the list scope is the read
  // decision compiled to SQL; each record is checked again), with what is
  // left of each after earlier allocations.
  match::Instance instance;
  {
    TALLINN_ASSIGN_OR_RETURN(auto transaction, context_.store.begin(store::TransactionMode::kRead));
    const ReadScope scope = policy::read_scope(actor);
    TALLINN_ASSIGN_OR_RETURN(std::vector<Need> needs,
                             collect_all<Need>([&](const store::PageRequest& page) {
                               return transaction->list_needs(scope, {}, page);
                             }));
    std::reverse(needs.begin(), needs.end());  // oldest first: a stable order
    for (const Need& need : needs) {
      if (!takes_allocations(need.status)) continue;
      if (policy::decide(actor, Action::kRead, policy_record(need)) != policy::Verdict::kAllow) {
        continue;
      }
      TALLINN_ASSIGN_OR_RETURN(Cents open, open_need_amount(*transaction, need));
      if (open <= 0) continue;
      instance.needs.push_back(
          match::Need{need.id, open, need.priority, class_of(need), need.divisible});
    }
    store::OfferFilter open_offers;
    open_offers.status = OfferStatus::kOpen;
    TALLINN_ASSIGN_OR_RETURN(std::vector<Offer> offers,
                             collect_all<Offer>([&](const store::PageRequest& page) {
                               return transaction->list_offers(scope, open_offers, page);
                             }));
    std::reverse(offers.begin(), offers.end());
    for (const Offer& offer : offers) {
      if (policy::decide(actor, Action::kRead, policy_record(offer)) != policy::Verdict::kAllow) {
        continue;
      }
      const std::optional<int64_t> rate = rate_micros_of(offer.currency);
      if (!rate) return internal_error();
      TALLINN_ASSIGN_OR_RETURN(Cents open, open_offer_amount(*transaction, offer));
      match::Offer input;
      input.id = offer.id;
      input.donor = offer.org;
      input.budget_cents = eur_within(open, *rate);
      input.sector_mask = mask_of(offer.sectors, match::kAnySector, [](Sector sector) {
        return match::sector_code(to_string(sector));
      });
      input.region_mask = mask_of(offer.regions, match::kAnyRegion, [](Region region) {
        return match::region_code(region_code(region));
      });
      input.category_mask = mask_of(offer.categories, match::kAnyCategory, [](Category category) {
        return match::category_code(to_string(category));
      });
      instance.offers.push_back(std::move(input));
    }
  }
  // The engine runs outside any transaction: it holds no lock while it works.
  const auto solve_started = std::chrono::steady_clock::now();
  Result<match::Solution> solved =
      match::solve(instance, {.time_limit_seconds = time_limit_seconds, .explain = true});
  if (context_.metrics != nullptr) {
    std::chrono::duration<double> took = std::chrono::steady_clock::now() - solve_started;
    context_.metrics->observe_matching_run(!solved.is_ok() ? "failed"
                                           : solved->status == match::SolveStatus::kOptimal
                                               ? "optimal"
                                               : "feasible",
                                           took.count());
  }
  TALLINN_ASSIGN_OR_RETURN(match::Solution solution, std::move(solved));
  MatchingRun run;
  run.id = new_id(context_.random);
  run.creator = actor.user;
  run.engine_version = kEngineVersion;
  run.time_limit_seconds = time_limit_seconds;
  run.status = solution.status == match::SolveStatus::kOptimal ? "optimal" : "feasible";
  run.objective = solution.objective;
  run.bound = solution.bound;
  run.input_json = matchio::format_instance(instance);
  run.input_sha256 = auth::token_hash(run.input_json);
  run.result_json = matchio::format_result(instance, solution);
  run.created_at = context_.clock.now_ms();
  event.record_id = run.id;
  return run_write<MatchingRun>(
      context_, actor, event,
      [&](store::Transaction& transaction, AuditEvent& event) -> Result<MatchingRun> {
        TALLINN_RETURN_IF_ERROR(transaction.insert_matching_run(run));
        event.state = "id=" + run.id + "\ninput_sha256=" + run.input_sha256 + "\n";
        return run;
      });
}

Result<MatchingRun> CoordinationService::run(const policy::Actor& actor, const Id& id) {
  TALLINN_RETURN_IF_ERROR(policy::check(actor, Action::kRunMatching, workflow_record()));
  TALLINN_ASSIGN_OR_RETURN(auto transaction, context_.store.begin(store::TransactionMode::kRead));
  TALLINN_ASSIGN_OR_RETURN(MatchingRun run, transaction->matching_run(id));
  TALLINN_ASSIGN_OR_RETURN(match::Instance instance, matchio::parse_instance(run.input_json));
  TALLINN_RETURN_IF_ERROR(check_input_visible(*transaction, actor, instance));
  return run;
}

Result<ProposalView> CoordinationService::propose(const policy::Actor& actor, const Id& run_id) {
  AuditEvent event{.action = "proposal.create", .record_type = "proposal"};
  return run_write<ProposalView>(
      context_, actor, event,
      [&](store::Transaction& transaction, AuditEvent& event) -> Result<ProposalView> {
        TALLINN_RETURN_IF_ERROR(policy::check(actor, Action::kMakeProposal, workflow_record()));
        Result<MatchingRun> run = transaction.matching_run(run_id);
        if (!run.is_ok()) {
          if (run.status().code() == ErrorCode::kNotFound) {
            return invalid("run", "must be the id of a matching run");
          }
          return run.status();
        }
        TALLINN_ASSIGN_OR_RETURN(std::vector<Allocation> earlier,
                                 transaction.list_allocations({.run = run->id}));
        if (!earlier.empty()) return conflict("this run has been proposed already");
        // The stored input, solved again: the run is reproducible, and the
        // proposal is exactly what the engine gives for it.
        TALLINN_ASSIGN_OR_RETURN(match::Instance instance,
                                 matchio::parse_instance(run->input_json));
        TALLINN_RETURN_IF_ERROR(check_input_visible(transaction, actor, instance));
        TALLINN_ASSIGN_OR_RETURN(
            match::Solution solution,
            match::solve(instance, {.time_limit_seconds = run->time_limit_seconds}));
        const int64_t now = context_.clock.now_ms();
        ProposalView view;
        view.proposal = Proposal{new_id(context_.random), run->id, actor.user, now};
        event.record_id = view.proposal.id;
        TALLINN_RETURN_IF_ERROR(transaction.insert_proposal(view.proposal));
        for (const match::Allocation& pair : solution.allocations) {
          TALLINN_ASSIGN_OR_RETURN(Need need, transaction.need(instance.needs[pair.need].id));
          TALLINN_ASSIGN_OR_RETURN(Offer offer, transaction.offer(instance.offers[pair.offer].id));
          const std::optional<int64_t> rate = rate_micros_of(offer.currency);
          if (!rate) return internal_error();
          TALLINN_ASSIGN_OR_RETURN(Cents need_open, open_need_amount(transaction, need));
          TALLINN_ASSIGN_OR_RETURN(Cents offer_open, open_offer_amount(transaction, offer));
          Allocation allocation;
          allocation.amount = pair.amount_cents;
          allocation.rate_micros = *rate;
          allocation.offer_amount = convert_from_eur(allocation.amount, *rate);
          if (!takes_allocations(need.status) || offer.status != OfferStatus::kOpen ||
              need_open < allocation.amount || offer_open < allocation.offer_amount) {
            return conflict("the run is out of date; run matching again");
          }
          allocation.id = new_id(context_.random);
          allocation.proposal = view.proposal.id;
          allocation.run = run->id;
          allocation.need = need.id;
          allocation.offer = offer.id;
          allocation.need_org = need.org;
          allocation.offer_org = offer.org;
          allocation.currency = offer.currency;
          allocation.tlp = need.tlp;
          allocation.access = allocation_access(need);
          allocation.creator = actor.user;
          allocation.created_at = allocation.updated_at = now;
          TALLINN_RETURN_IF_ERROR(transaction.insert_allocation(allocation));
          TALLINN_RETURN_IF_ERROR(
              advance_need(transaction, need.id, NeedStatus::kMatched, now, event));
          TALLINN_ASSIGN_OR_RETURN(AllocationView item,
                                   view_of(transaction, actor, std::move(allocation)));
          view.allocations.push_back(std::move(item));
        }
        event.state = "id=" + view.proposal.id + "\nrun=" + run->id +
                      "\nallocations=" + std::to_string(view.allocations.size()) + "\n";
        return view;
      });
}

Result<store::Page<AllocationView>> CoordinationService::list_allocations(
    const policy::Actor& actor, const store::AllocationFilter& filter,
    const store::PageRequest& page) {
  if (!actor.signed_in) return store::Page<AllocationView>();
  // policy::decide's reading of an allocation, as a filter: the parties
  // (every allocation for the offices), and RED ones only for the users
  // named on them or their creator.
  store::AllocationFilter scoped = filter;
  if (!is_office(actor.role)) scoped.party_org = actor.org;
  scoped.red_reader = actor.user;
  TALLINN_ASSIGN_OR_RETURN(auto transaction, context_.store.begin(store::TransactionMode::kRead));
  TALLINN_ASSIGN_OR_RETURN(store::Page<Allocation> allocations,
                           transaction->page_allocations(scoped, page));
  store::Page<AllocationView> views;
  // The store's cursor: it names the last row read, also when decide()
  // were to drop that row here.
  views.next = std::move(allocations.next);
  for (Allocation& allocation : allocations.items) {
    if (policy::decide(actor, Action::kRead, policy_record(allocation)) !=
        policy::Verdict::kAllow) {
      continue;
    }
    TALLINN_ASSIGN_OR_RETURN(AllocationView view,
                             view_of(*transaction, actor, std::move(allocation)));
    views.items.push_back(std::move(view));
  }
  return views;
}

Result<AllocationView> CoordinationService::allocation(const policy::Actor& actor, const Id& id) {
  TALLINN_ASSIGN_OR_RETURN(auto transaction, context_.store.begin(store::TransactionMode::kRead));
  TALLINN_ASSIGN_OR_RETURN(Allocation allocation, transaction->allocation(id));
  TALLINN_RETURN_IF_ERROR(policy::check(actor, Action::kRead, policy_record(allocation)));
  return view_of(*transaction, actor, std::move(allocation));
}

Result<AttachmentFile> CoordinationService::report_attachment(const policy::Actor& actor,
                                                              const Id& allocation_id,
                                                              const Id& report_id) {
  TALLINN_ASSIGN_OR_RETURN(auto transaction, context_.store.begin(store::TransactionMode::kRead));
  TALLINN_ASSIGN_OR_RETURN(Allocation allocation, transaction->allocation(allocation_id));
  TALLINN_RETURN_IF_ERROR(policy::check(actor, Action::kRead, policy_record(allocation)));
  TALLINN_ASSIGN_OR_RETURN(std::vector<DeliveryReport> reports,
                           transaction->reports_of(allocation.id));
  for (const DeliveryReport& report : reports) {
    if (report.id != report_id || !report.attachment) continue;
    // Stored only after check_attachment(), so it decodes; a row that does
    // not is damage in the database, not the reader's error.
    Result<std::string> bytes = decode_base64(report.attachment->base64);
    if (!bytes.is_ok()) return internal_error();
    return AttachmentFile{report.attachment->name, report.attachment->content_type,
                          std::move(bytes).value()};
  }
  return not_found();
}

Result<Meeting> CoordinationService::create_meeting(const policy::Actor& actor,
                                                    const MeetingDraft& draft) {
  AuditEvent event{.action = "meeting.create", .record_type = "meeting"};
  return run_write<Meeting>(
      context_, actor, event,
      [&](store::Transaction& transaction, AuditEvent& event) -> Result<Meeting> {
        TALLINN_RETURN_IF_ERROR(policy::check(actor, Action::kManageMeetings, workflow_record()));
        if (draft.title.empty() || draft.title.size() > kMaxTitleBytes) {
          return invalid("title", "must be 1 to 200 bytes");
        }
        for (size_t index = 0; index < draft.attendance.size(); ++index) {
          if (!transaction.organisation(draft.attendance[index]).is_ok()) {
            return invalid("attendance[" + std::to_string(index) + "]",
                           "must be the id of an organisation");
          }
        }
        Meeting meeting;
        meeting.id = new_id(context_.random);
        event.record_id = meeting.id;
        meeting.title = draft.title;
        meeting.agenda = draft.agenda;
        meeting.minutes = draft.minutes;
        meeting.attendance = draft.attendance;
        meeting.creator = actor.user;
        meeting.created_at = meeting.updated_at = context_.clock.now_ms();
        TALLINN_RETURN_IF_ERROR(transaction.insert_meeting(meeting));
        event.state = canonical_state(meeting);
        return meeting;
      });
}

Result<Meeting> CoordinationService::meeting(const policy::Actor& actor, const Id& id) {
  TALLINN_RETURN_IF_ERROR(policy::check(actor, Action::kManageMeetings, workflow_record()));
  TALLINN_ASSIGN_OR_RETURN(auto transaction, context_.store.begin(store::TransactionMode::kRead));
  return transaction->meeting(id);
}

Result<Meeting> CoordinationService::open_meeting(const policy::Actor& actor, const Id& id) {
  return move_meeting(actor, id, MeetingStatus::kOpen, {});
}

Result<Meeting> CoordinationService::close_meeting(const policy::Actor& actor, const Id& id,
                                                   const MeetingClose& input) {
  return move_meeting(actor, id, MeetingStatus::kClosed, input.minutes);
}

Result<Meeting> CoordinationService::move_meeting(const policy::Actor& actor, const Id& id,
                                                  MeetingStatus to,
                                                  const std::optional<std::string>& minutes) {
  const bool opening = to == MeetingStatus::kOpen;
  const MeetingStatus from = opening ? MeetingStatus::kPlanned : MeetingStatus::kOpen;
  AuditEvent event{.action = opening ? "meeting.open" : "meeting.close",
                   .record_type = "meeting",
                   .record_id = id};
  return run_write<Meeting>(
      context_, actor, event,
      [&](store::Transaction& transaction, AuditEvent& event) -> Result<Meeting> {
        TALLINN_RETURN_IF_ERROR(policy::check(actor, Action::kManageMeetings, workflow_record()));
        TALLINN_ASSIGN_OR_RETURN(Meeting meeting, transaction.meeting(id));
        if (meeting.status != from) {
          return conflict(opening ? "only a planned meeting can be opened"
                                  : "only an open meeting can be closed");
        }
        meeting.status = to;
        if (minutes) meeting.minutes = *minutes;
        meeting.updated_at = context_.clock.now_ms();
        TALLINN_RETURN_IF_ERROR(transaction.update_meeting(meeting, meeting.version));
        meeting.version += 1;
        event.changed_fields.push_back("status");
        event.state = canonical_state(meeting);
        return meeting;
      });
}

Result<AllocationView> CoordinationService::decide(const policy::Actor& actor, const Id& id,
                                                   const DecisionInput& input) {
  AuditEvent event{.action = "allocation.decide", .record_type = "allocation", .record_id = id};
  return run_write<AllocationView>(
      context_, actor, event,
      [&](store::Transaction& transaction, AuditEvent& event) -> Result<AllocationView> {
        TALLINN_ASSIGN_OR_RETURN(Allocation allocation,
                                 load_for(transaction, actor, id, Action::kRecordDecision));
        Result<Meeting> meeting = transaction.meeting(input.meeting);
        if (!meeting.is_ok()) return invalid("meeting", "must be the id of a meeting");
        if (meeting->status != MeetingStatus::kOpen) {
          return conflict("decisions are recorded only inside an open meeting");
        }
        if (input.decision != DecisionKind::kApprove && input.reason.empty()) {
          return invalid("reason", "is required to reject or defer");
        }
        if (input.corrects) {
          Result<AllocationDecision> earlier = transaction.decision(*input.corrects);
          if (!earlier.is_ok() || earlier->allocation != allocation.id) {
            return invalid("corrects", "must be the id of a decision on this allocation");
          }
          const bool decided = allocation.status == AllocationStatus::kApproved ||
                               allocation.status == AllocationStatus::kRejected ||
                               allocation.status == AllocationStatus::kDeferred;
          if (!decided) return wrong_state(allocation, "corrected");
        } else if (allocation.status != AllocationStatus::kProposed &&
                   allocation.status != AllocationStatus::kDeferred) {
          return conflict("the allocation is decided; a correction names the earlier decision");
        }
        const int64_t now = context_.clock.now_ms();
        switch (input.decision) {
          case DecisionKind::kApprove: {
            TALLINN_ASSIGN_OR_RETURN(Offer offer, transaction.offer(allocation.offer));
            const std::optional<int64_t> rate = rate_micros_of(offer.currency);
            if (!rate) return internal_error();
            // The rate is fixed here, when the group approves.
            allocation.currency = offer.currency;
            allocation.rate_micros = *rate;
            allocation.offer_amount = convert_from_eur(allocation.amount, *rate);
            allocation.status = AllocationStatus::kApproved;
            TALLINN_RETURN_IF_ERROR(
                advance_need(transaction, allocation.need, NeedStatus::kMatched, now, event));
            break;
          }
          case DecisionKind::kReject:
            allocation.status = AllocationStatus::kRejected;
            break;
          case DecisionKind::kDefer:
            allocation.status = AllocationStatus::kDeferred;
            break;
        }
        AllocationDecision decision{
            new_id(context_.random), allocation.id, meeting->id, input.decision, input.reason,
            input.corrects,          actor.user,    now};
        TALLINN_RETURN_IF_ERROR(transaction.insert_decision(decision));
        event.changed_fields.push_back("status");
        TALLINN_RETURN_IF_ERROR(save(transaction, allocation, now, event));
        // The donor has an approved allocation to commit or decline; the
        // beneficiary learns what became of its need.
        TALLINN_RETURN_IF_ERROR(tell(transaction, context_, allocation,
                                     std::string(to_string(allocation.status)),
                                     {.orgs = {allocation.offer_org, allocation.need_org}}));
        return view_of(transaction, actor, std::move(allocation));
      });
}

Result<AllocationView> CoordinationService::commit(const policy::Actor& actor, const Id& id,
                                                   const std::string& idempotency_key) {
  return respond(actor, idempotency_key, "commit", id, true);
}

Result<AllocationView> CoordinationService::decline(const policy::Actor& actor, const Id& id,
                                                    const std::string& idempotency_key) {
  return respond(actor, idempotency_key, "decline", id, false);
}

Result<AllocationView> CoordinationService::respond(const policy::Actor& actor,
                                                    const std::string& key,
                                                    const std::string& action, const Id& id,
                                                    bool commit) {
  AuditEvent event{.action = "allocation." + action, .record_type = "allocation", .record_id = id};
  return run_write<AllocationView>(
      context_, actor, event,
      [&](store::Transaction& transaction, AuditEvent& event) -> Result<AllocationView> {
        TALLINN_ASSIGN_OR_RETURN(Allocation allocation,
                                 load_for(transaction, actor, id, Action::kCommitAllocation));
        if (!key.empty()) {
          TALLINN_ASSIGN_OR_RETURN(std::optional<Id> applied,
                                   transaction.idempotent_allocation(actor.user, key, action));
          if (applied) {
            if (*applied != id)
              return conflict("the Idempotency-Key was used for another allocation");
            event.outcome = "replayed";
            return view_of(transaction, actor, std::move(allocation));
          }
        }
        if (allocation.status != AllocationStatus::kApproved) {
          return wrong_state(allocation, commit ? "committed" : "declined");
        }
        const int64_t now = context_.clock.now_ms();
        if (commit) {
          TALLINN_ASSIGN_OR_RETURN(Offer offer, transaction.offer(allocation.offer));
          TALLINN_ASSIGN_OR_RETURN(Need need, transaction.need(allocation.need));
          TALLINN_ASSIGN_OR_RETURN(Held offer_held,
                                   held_by(transaction, {.offer = offer.id}, is_committed));
          TALLINN_ASSIGN_OR_RETURN(Held need_held,
                                   held_by(transaction, {.need = need.id}, is_committed));
          if (offer_held.offer_amount + allocation.offer_amount > offer.budget) {
            return conflict("the offer's remaining budget is smaller than the allocation");
          }
          if (need_held.need_eur + allocation.amount > need.amount) {
            return conflict("the need's open amount is smaller than the allocation");
          }
          allocation.status = AllocationStatus::kCommitted;
          allocation.committing_org = actor.org;
          TALLINN_RETURN_IF_ERROR(
              advance_need(transaction, need.id, NeedStatus::kFunded, now, event));
        } else {
          allocation.status = AllocationStatus::kDeclined;
        }
        if (!key.empty()) {
          TALLINN_RETURN_IF_ERROR(
              transaction.insert_idempotency_key(actor.user, key, action, allocation.id, now));
        }
        event.changed_fields.push_back("status");
        TALLINN_RETURN_IF_ERROR(save(transaction, allocation, now, event));
        // The back office assigns implementers to what is committed and
        // re-plans what is declined.
        TALLINN_RETURN_IF_ERROR(
            tell(transaction, context_, allocation, std::string(to_string(allocation.status)),
                 {.orgs = {allocation.need_org}, .roles = {Role::kBackOffice}}));
        return view_of(transaction, actor, std::move(allocation));
      });
}

Result<AllocationView> CoordinationService::assign(const policy::Actor& actor, const Id& id,
                                                   const Id& implementer_org) {
  AuditEvent event{.action = "allocation.assign", .record_type = "allocation", .record_id = id};
  return run_write<AllocationView>(
      context_, actor, event,
      [&](store::Transaction& transaction, AuditEvent& event) -> Result<AllocationView> {
        TALLINN_ASSIGN_OR_RETURN(Allocation allocation,
                                 load_for(transaction, actor, id, Action::kAssignImplementer));
        Result<Organisation> implementer = transaction.organisation(implementer_org);
        if (!implementer.is_ok() || implementer->kind != Role::kImplementer) {
          return invalid("implementer", "must be the id of an implementer organisation");
        }
        if (allocation.status != AllocationStatus::kCommitted &&
            allocation.status != AllocationStatus::kDelivering) {
          return wrong_state(allocation, "assigned an implementer");
        }
        allocation.implementer_org = implementer_org;
        event.changed_fields.push_back("implementer_org");
        TALLINN_RETURN_IF_ERROR(save(transaction, allocation, context_.clock.now_ms(), event));
        // An implementer replaced by another loses sight of the allocation
        // and so of this notice's predecessors (they are checked when read).
        TALLINN_RETURN_IF_ERROR(tell(
            transaction, context_, allocation, "assigned",
            {.orgs = {allocation.implementer_org, allocation.need_org, allocation.committing_org},
             .except_org = actor.org}));
        return view_of(transaction, actor, std::move(allocation));
      });
}

Result<AllocationView> CoordinationService::report(const policy::Actor& actor, const Id& id,
                                                   const ReportInput& input) {
  AuditEvent event{.action = "allocation.report", .record_type = "allocation", .record_id = id};
  return run_write<AllocationView>(
      context_, actor, event,
      [&](store::Transaction& transaction, AuditEvent& event) -> Result<AllocationView> {
        TALLINN_ASSIGN_OR_RETURN(Allocation allocation,
                                 load_for(transaction, actor, id, Action::kReportDelivery));
        if (input.percent < 0 || input.percent > 100) {
          return invalid("percent", "must be 0 to 100");
        }
        if (input.attachment) TALLINN_RETURN_IF_ERROR(check_attachment(*input.attachment));
        if (allocation.status != AllocationStatus::kCommitted &&
            allocation.status != AllocationStatus::kDelivering &&
            allocation.status != AllocationStatus::kDelivered) {
          return wrong_state(allocation, "reported on");
        }
        const int64_t now = context_.clock.now_ms();
        DeliveryReport report{new_id(context_.random), allocation.id,    input.percent, input.note,
                              input.milestone,         input.attachment, actor.user,    now};
        TALLINN_RETURN_IF_ERROR(transaction.insert_report(report));
        allocation.percent = input.percent;
        allocation.status =
            input.percent == 100 ? AllocationStatus::kDelivered : AllocationStatus::kDelivering;
        TALLINN_RETURN_IF_ERROR(advance_need(
            transaction, allocation.need,
            input.percent == 100 ? NeedStatus::kDelivered : NeedStatus::kDelivering, now, event));
        event.changed_fields.push_back("percent");
        TALLINN_RETURN_IF_ERROR(save(transaction, allocation, now, event));
        // A finished delivery waits for verification by the need's owner or
        // the front office; progress concerns the owner and the other
        // delivering side.
        const bool delivered = allocation.status == AllocationStatus::kDelivered;
        Audience audience{
            .orgs = {allocation.need_org, allocation.committing_org, allocation.implementer_org},
            .roles = {Role::kBackOffice},
            .except_org = actor.org};
        if (delivered) audience.roles.push_back(Role::kFrontOffice);
        TALLINN_RETURN_IF_ERROR(tell(transaction, context_, allocation,
                                     delivered ? "delivered" : "reported", audience));
        return view_of(transaction, actor, std::move(allocation));
      });
}

Result<AllocationView> CoordinationService::verify(const policy::Actor& actor, const Id& id) {
  AuditEvent event{.action = "allocation.verify", .record_type = "allocation", .record_id = id};
  return run_write<AllocationView>(
      context_, actor, event,
      [&](store::Transaction& transaction, AuditEvent& event) -> Result<AllocationView> {
        TALLINN_ASSIGN_OR_RETURN(Allocation allocation,
                                 load_for(transaction, actor, id, Action::kVerifyDelivery));
        if (allocation.status != AllocationStatus::kDelivered) {
          return wrong_state(allocation, "verified");
        }
        const int64_t now = context_.clock.now_ms();
        allocation.status = AllocationStatus::kVerified;
        event.changed_fields.push_back("status");
        TALLINN_RETURN_IF_ERROR(save(transaction, allocation, now, event));
        // The need moves on once every allocation that holds money for it
        // is verified.
        TALLINN_ASSIGN_OR_RETURN(std::vector<Allocation> siblings,
                                 transaction.list_allocations({.need = allocation.need}));
        const bool all_verified =
            std::all_of(siblings.begin(), siblings.end(), [](const Allocation& sibling) {
              return !holds_money(sibling.status, true) ||
                     sibling.status == AllocationStatus::kVerified;
            });
        if (all_verified) {
          TALLINN_RETURN_IF_ERROR(
              advance_need(transaction, allocation.need, NeedStatus::kVerified, now, event));
        }
        TALLINN_RETURN_IF_ERROR(tell(
            transaction, context_, allocation, "verified",
            {.orgs = {allocation.offer_org, allocation.committing_org, allocation.implementer_org},
             .roles = {Role::kBackOffice}}));
        return view_of(transaction, actor, std::move(allocation));
      });
}

}  // namespace tallinn::service
