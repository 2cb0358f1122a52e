#include "service/need_service.h"

#include <algorithm>

#include "core/need_lifecycle.h"
#include "core/validation.h"
#include "service/beneficiary.h"
#include "service/duplicate_service.h"
#include "service/marking.h"
#include "service/notifications.h"
#include "service/patch.h"
#include "service/write.h"

namespace tallinn::service {
namespace {

// Tells each donor organisation that the need is newly granted to (access.md:
// a need released to a donor), `before` being the grants it had.
Status notify_released(store::Transaction& transaction, Context& context, const Need& need,
                       const Access& before) {
  for (const Id& org : need.access.orgs) {
    if (std::find(before.orgs.begin(), before.orgs.end(), org) != before.orgs.end()) continue;
    Result<Organisation> grantee = transaction.organisation(org);
    if (!grantee.is_ok() || grantee->kind != Role::kDonor) continue;
    TALLINN_RETURN_IF_ERROR(
        notify_organisation(transaction, context, org, {"need.released", "need", need.id}));
  }
  return Status::ok();
}

// The notices and bookkeeping a move triggers: a submission is checked for
// duplicates and announced to the back office; a decision on the need is
// announced to its owner.
Status after_move(store::Transaction& transaction, Context& context, const Need& need) {
  Notice notice{"need." + std::string(to_string(need.status)), "need", need.id};
  switch (need.status) {
    case NeedStatus::kSubmitted:
      TALLINN_RETURN_IF_ERROR(keep_duplicates_on_submission(transaction, need));
      return notify_role(transaction, context, Role::kBackOffice, notice);
    case NeedStatus::kValidated:
    case NeedStatus::kRejected:
    case NeedStatus::kDuplicate:
      return notify_organisation(transaction, context, need.org, notice);
    default:
      return Status::ok();
  }
}

bool has_content_change(const NeedPatch& patch) {
  return patch.title || patch.description || patch.sector || patch.region || patch.category ||
         patch.amount || patch.priority || patch.divisible;
}

// Whether `reader` may see the record `load` finds; an absent one counts as
// not visible.
template <typename Load>
Result<bool> link_visible(const policy::Actor& reader, Load load) {
  auto record = load();
  if (!record.is_ok()) {
    if (record.status().code() != ErrorCode::kNotFound) return record.status();
    return false;
  }
  return policy::decide(reader, policy::Action::kRead, policy_record(*record)) ==
         policy::Verdict::kAllow;
}

}  // namespace

Status hide_invisible_links(store::Transaction& transaction, const policy::Actor& reader,
                            Need& need) {
  if (need.duplicate_of) {
    TALLINN_ASSIGN_OR_RETURN(
        bool visible, link_visible(reader, [&] { return transaction.need(*need.duplicate_of); }));
    if (!visible) need.duplicate_of.reset();
  }
  if (need.assessment) {
    TALLINN_ASSIGN_OR_RETURN(bool visible, link_visible(reader, [&] {
                               return transaction.assessment(*need.assessment);
                             }));
    if (!visible) need.assessment.reset();
  }
  return Status::ok();
}

Result<Need> NeedService::create(const policy::Actor& actor, const NeedDraft& draft) {
  AuditEvent event{.action = "need.create", .record_type = "need"};
  return run_write<Need>(
      context_, actor, event,
      [&](store::Transaction& transaction, AuditEvent& event) -> Result<Need> {
        Need need;
        need.id = new_id(context_.random);
        event.record_id = need.id;
        need.org = draft.org.value_or(actor.role == Role::kBeneficiary ? actor.org : Id());
        if (need.org.empty()) return invalid("org", "is required");
        need.title = draft.title;
        need.description = draft.description;
        need.sector = draft.sector;
        need.region = draft.region;
        need.category = draft.category;
        need.amount = draft.amount;
        need.priority = draft.priority;
        need.divisible = draft.divisible;
        need.tlp = draft.tlp;
        need.access = draft.access;
        need.status = NeedStatus::kDraft;
        need.creator = actor.user;
        need.created_at = need.updated_at = context_.clock.now_ms();
        TALLINN_RETURN_IF_ERROR(
            policy::check(actor, policy::Action::kCreateNeed, policy_record(need)));
        TALLINN_RETURN_IF_ERROR(validate_need(need));
        TALLINN_RETURN_IF_ERROR(policy::check_grants(need.tlp, need.org, need.access));
        TALLINN_RETURN_IF_ERROR(check_beneficiary(transaction, need.org));
        TALLINN_RETURN_IF_ERROR(transaction.insert_need(need));
        TALLINN_RETURN_IF_ERROR(notify_released(transaction, context_, need, Access{}));
        event.state = canonical_state(need);
        return need;
      });
}

Result<Need> NeedService::get(const policy::Actor& actor, const Id& id) {
  TALLINN_ASSIGN_OR_RETURN(auto transaction, context_.store.begin(store::TransactionMode::kRead));
  TALLINN_ASSIGN_OR_RETURN(Need need, transaction->need(id));
  TALLINN_RETURN_IF_ERROR(policy::check(actor, policy::Action::kRead, policy_record(need)));
  TALLINN_RETURN_IF_ERROR(hide_invisible_links(*transaction, actor, need));
  return need;
}

Result<store::Page<Need>> NeedService::list(const policy::Actor& actor,
                                            const store::NeedFilter& filter,
                                            const store::PageRequest& page) {
  TALLINN_ASSIGN_OR_RETURN(auto transaction, context_.store.begin(store::TransactionMode::kRead));
  TALLINN_ASSIGN_OR_RETURN(store::Page<Need> needs,
                           transaction->list_needs(policy::read_scope(actor), filter, page));
  for (Need& need : needs.items) {
    TALLINN_RETURN_IF_ERROR(hide_invisible_links(*transaction, actor, need));
  }
  return needs;
}

Result<int64_t> NeedService::count(const policy::Actor& actor, const store::NeedFilter& filter) {
  TALLINN_ASSIGN_OR_RETURN(auto transaction, context_.store.begin(store::TransactionMode::kRead));
  return transaction->count_needs(policy::read_scope(actor), filter);
}

Result<Need> NeedService::update(const policy::Actor& actor, const Id& id, const NeedPatch& patch) {
  AuditEvent event{.action = "need.update", .record_type = "need", .record_id = id};
  return run_write<Need>(
      context_, actor, event,
      [&](store::Transaction& transaction, AuditEvent& event) -> Result<Need> {
        TALLINN_ASSIGN_OR_RETURN(Need need, transaction.need(id));
        const policy::Record before = policy_record(need);
        TALLINN_RETURN_IF_ERROR(policy::check(actor, policy::Action::kRead, before));
        if (patch.version != need.version) return conflict("the need was changed by someone else");
        const Access access_before = need.access;
        std::vector<std::string>& changed = event.changed_fields;
        if (has_content_change(patch)) {
          TALLINN_RETURN_IF_ERROR(policy::check(actor, policy::Action::kEditNeed, before));
        }
        patch_field(patch.title, need.title, "title", changed);
        patch_field(patch.description, need.description, "description", changed);
        patch_field(patch.sector, need.sector, "sector", changed);
        patch_field(patch.region, need.region, "region", changed);
        patch_field(patch.category, need.category, "category", changed);
        patch_field(patch.amount, need.amount, "amount", changed);
        patch_field(patch.priority, need.priority, "priority", changed);
        patch_field(patch.divisible, need.divisible, "divisible", changed);
        if (patch.national_priority && *patch.national_priority != need.national_priority) {
          TALLINN_RETURN_IF_ERROR(
              policy::check(actor, policy::Action::kSetNationalPriority, before));
          need.national_priority = *patch.national_priority;
          changed.push_back("national_priority");
        }
        MarkingChange marking{patch.tlp, patch.access, patch.reason};
        TALLINN_RETURN_IF_ERROR(
            apply_marking_change(actor, before, marking, need.tlp, need.access, changed));
        TALLINN_RETURN_IF_ERROR(validate_need(need));
        if (changed.empty()) return need;
        need.updated_at = context_.clock.now_ms();
        TALLINN_RETURN_IF_ERROR(transaction.update_need(need, patch.version));
        need.version = patch.version + 1;
        TALLINN_RETURN_IF_ERROR(notify_released(transaction, context_, need, access_before));
        event.state = canonical_state(need);
        return need;
      });
}

Result<Need> NeedService::move(const policy::Actor& actor, const Id& id, const NeedMove& move) {
  AuditEvent event{.action = "need.transition", .record_type = "need", .record_id = id};
  return run_write<Need>(
      context_, actor, event,
      [&](store::Transaction& transaction, AuditEvent& event) -> Result<Need> {
        TALLINN_ASSIGN_OR_RETURN(Need need, transaction.need(id));
        const policy::Record before = policy_record(need);
        TALLINN_RETURN_IF_ERROR(policy::check(actor, policy::Action::kRead, before));
        std::optional<policy::Action> action = policy::action_for_move(need.status, move.to);
        if (!action) {
          return conflict("a need cannot move from " + std::string(to_string(need.status)) +
                          " to " + std::string(to_string(move.to)));
        }
        TALLINN_RETURN_IF_ERROR(policy::check(actor, *action, before));
        bool needs_reason = move.to == NeedStatus::kRejected || move.to == NeedStatus::kWithdrawn ||
                            move.to == NeedStatus::kDuplicate;
        if (needs_reason && move.reason.empty())
          return invalid("reason", "is required for this move");
        if (move.to == NeedStatus::kDuplicate) {
          if (!move.duplicate_of) return invalid("duplicate_of", "is required for a duplicate");
          Result<Need> original = transaction.need(*move.duplicate_of);
          bool visible = original.is_ok() &&
                         policy::decide(actor, policy::Action::kRead, policy_record(*original)) ==
                             policy::Verdict::kAllow;
          if (!visible || *move.duplicate_of == need.id) {
            return invalid("duplicate_of", "must be the id of another need");
          }
          need.duplicate_of = move.duplicate_of;
          event.changed_fields.push_back("duplicate_of");
        }
        need.status = move.to;
        need.updated_at = context_.clock.now_ms();
        event.changed_fields.push_back("status");
        TALLINN_RETURN_IF_ERROR(transaction.update_need(need, need.version));
        need.version += 1;
        TALLINN_RETURN_IF_ERROR(after_move(transaction, context_, need));
        event.state = canonical_state(need);
        return need;
      });
}

}  // namespace tallinn::service
