#include "policy/access.h"

#include <algorithm>
#include <initializer_list>

#include "core/need_lifecycle.h"

namespace tallinn::policy {

namespace {

constexpr ReadRule revealed_to(std::initializer_list<Relation> relations) {
  ReadRule rule;
  for (Relation relation : relations) rule.reveals[static_cast<int>(relation)] = true;
  return rule;
}

// access.md, "Markings", indexed by Tlp.
constexpr std::array<ReadRule, kTlpCount> kReadRules = {
    revealed_to({Relation::kAnyone}),
    revealed_to({Relation::kSignedIn}),
    revealed_to({Relation::kOwnerOrg, Relation::kOffice, Relation::kGrantedOrg}),
    revealed_to({Relation::kOwnerOrg, Relation::kOffice}),
    revealed_to({Relation::kNamedUser, Relation::kCreator}),
};

// An empty id names nobody, so an anonymous actor or an unset field never
// matches.
bool same_id(const Id& left, const Id& right) { return !left.empty() && left == right; }

bool holds(const std::vector<Id>& ids, const Id& id) {
  return !id.empty() && std::find(ids.begin(), ids.end(), id) != ids.end();
}

bool member_of(const Actor& actor, const Id& org) {
  return actor.signed_in && same_id(actor.org, org);
}

bool has_role(const Actor& actor, Role role) { return actor.signed_in && actor.role == role; }

bool visible_by_marking(const Actor& actor, const Record& record) {
  const ReadRule& rule = read_rule(record.tlp);
  for (int index = 0; index < kRelationCount; ++index) {
    auto relation = static_cast<Relation>(index);
    if (rule.by(relation) && has_relation(actor, relation, record)) return true;
  }
  return false;
}

bool is_allocation_party(const Actor& actor, const Record& record) {
  return has_relation(actor, Relation::kOffice, record) || member_of(actor, record.owner_org) ||
         member_of(actor, record.offer_org) || member_of(actor, record.implementer_org);
}

bool can_read(const Actor& actor, const Record& record) {
  switch (record.kind) {
    case RecordKind::kNeed:
    case RecordKind::kOffer:
    case RecordKind::kAssessment:
      return visible_by_marking(actor, record);
    case RecordKind::kAllocation:
      // api.md gives allocations their own readers, the parties, whatever
      // the marking (so no allocation is public); RED still narrows them to
      // the named users and the creator.
      return is_allocation_party(actor, record) &&
             (record.tlp != Tlp::kRed || visible_by_marking(actor, record));
    case RecordKind::kOrganisation:
      return actor.signed_in;
    case RecordKind::kUser:
      return has_role(actor, Role::kAdmin) || has_relation(actor, Relation::kOffice, record) ||
             member_of(actor, record.owner_org) ||
             (actor.signed_in && same_id(actor.user, record.id));
    case RecordKind::kAudit:
      return has_role(actor, Role::kBackOffice) || has_role(actor, Role::kAdmin);
  }
  return false;
}

bool is_create(Action action) {
  return action == Action::kCreateNeed || action == Action::kCreateOffer;
}

bool is_marked(RecordKind kind) {
  return kind == RecordKind::kNeed || kind == RecordKind::kOffer ||
         kind == RecordKind::kAllocation || kind == RecordKind::kAssessment;
}

// Assessments have no lifecycle: they stay editable like a need in draft.
// A need without a status is treated as validated, the stricter case.
bool before_validation(const Record& record) {
  if (record.kind == RecordKind::kAssessment) return true;
  return record.need_status == NeedStatus::kDraft || record.need_status == NeedStatus::kSubmitted;
}

// The owner beneficiary or the offices that take needs in.
bool may_state_need(const Actor& actor, const Record& record) {
  return (has_role(actor, Role::kBeneficiary) && member_of(actor, record.owner_org)) ||
         has_role(actor, Role::kFrontOffice) || has_role(actor, Role::kBackOffice);
}

bool may_change_need(const Actor& actor, const Record& record) {
  return before_validation(record) ? may_state_need(actor, record)
                                   : has_role(actor, Role::kBackOffice);
}

bool is_need_content(RecordKind kind) {
  return kind == RecordKind::kNeed || kind == RecordKind::kAssessment;
}

// access.md, "Actions": who may, once the record is visible.
bool permitted(const Actor& actor, Action action, const Record& record) {
  const bool back_office = has_role(actor, Role::kBackOffice);
  const bool need = record.kind == RecordKind::kNeed;
  const bool allocation = record.kind == RecordKind::kAllocation;
  switch (action) {
    case Action::kRead:
      return true;
    case Action::kCreateNeed:
      return is_need_content(record.kind) && may_state_need(actor, record);
    case Action::kEditNeed:
      return is_need_content(record.kind) && may_change_need(actor, record);
    case Action::kSubmitNeed:
      return need && may_state_need(actor, record);
    case Action::kWithdrawNeed:
      return need && may_change_need(actor, record);
    case Action::kValidateNeed:
    case Action::kPublishNeed:
    case Action::kAdvanceNeed:
    case Action::kRejectNeed:
    case Action::kMarkDuplicate:
      return need && back_office;
    case Action::kSetNationalPriority:
      return need && (back_office || has_role(actor, Role::kUaAuthority));
    case Action::kVerifyDelivery:
      return (need || allocation) &&
             ((has_role(actor, Role::kBeneficiary) && member_of(actor, record.owner_org)) ||
              has_role(actor, Role::kFrontOffice));
    case Action::kCreateOffer:
    case Action::kEditOffer:
      return record.kind == RecordKind::kOffer &&
             ((has_role(actor, Role::kDonor) && member_of(actor, record.owner_org)) || back_office);
    case Action::kRaiseMarking:
    case Action::kChangeAccess:
      return is_marked(record.kind) && (member_of(actor, record.owner_org) || back_office);
    case Action::kLowerMarking:
      return is_marked(record.kind) && back_office;
    case Action::kRunMatching:
    case Action::kMakeProposal:
      return back_office;
    case Action::kRecordDecision:
      return allocation && back_office;
    case Action::kManageMeetings:
      // The meeting is where the back office records the group's decisions
      // (access.md: "prepares and records coordination decisions").
      return back_office;
    case Action::kCommitAllocation:
      return allocation && has_role(actor, Role::kDonor) && member_of(actor, record.offer_org);
    case Action::kAssignImplementer:
      return allocation && (back_office || (has_role(actor, Role::kDonor) &&
                                            member_of(actor, record.committing_org)));
    case Action::kReportDelivery:
      return allocation &&
             ((has_role(actor, Role::kImplementer) && member_of(actor, record.implementer_org)) ||
              (has_role(actor, Role::kDonor) && member_of(actor, record.committing_org)));
    case Action::kReadAudit:
      return record.kind == RecordKind::kAudit && (back_office || has_role(actor, Role::kAdmin));
    case Action::kManageOrganisations:
      return record.kind == RecordKind::kOrganisation && has_role(actor, Role::kAdmin);
    case Action::kManageUsers:
      return record.kind == RecordKind::kUser && has_role(actor, Role::kAdmin);
  }
  return false;
}

// Separation of duties: the actor's organisation is on the other side of
// the decision it would take.
bool conflicts_with_own_side(const Actor& actor, Action action, const Record& record) {
  switch (action) {
    case Action::kRecordDecision:
      return member_of(actor, record.owner_org) || member_of(actor, record.offer_org);
    case Action::kCommitAllocation:
      return member_of(actor, record.owner_org);
    case Action::kVerifyDelivery:
      return member_of(actor, record.offer_org) || member_of(actor, record.committing_org) ||
             member_of(actor, record.implementer_org);
    default:
      return false;
  }
}

}  // namespace

const ReadRule& read_rule(Tlp tlp) { return kReadRules[static_cast<int>(tlp)]; }

bool has_relation(const Actor& actor, Relation relation, const Record& record) {
  if (relation == Relation::kAnyone) return true;
  if (!actor.signed_in) return false;
  switch (relation) {
    case Relation::kAnyone:
    case Relation::kSignedIn:
      return true;
    case Relation::kOffice:
      return is_office(actor.role);
    case Relation::kOwnerOrg:
      return same_id(actor.org, record.owner_org);
    case Relation::kGrantedOrg:
      return holds(record.access.orgs, actor.org);
    case Relation::kNamedUser:
      return holds(record.access.users, actor.user);
    case Relation::kCreator:
      return same_id(actor.user, record.creator);
  }
  return false;
}

Verdict decide(const Actor& actor, Action action, const Record& record) {
  if (!is_create(action) && !can_read(actor, record)) return Verdict::kHidden;
  if (action == Action::kRead) return Verdict::kAllow;
  // Observers and the public never write.
  if (!actor.signed_in || actor.role == Role::kObserver) return Verdict::kForbidden;
  if (!permitted(actor, action, record) || conflicts_with_own_side(actor, action, record)) {
    return Verdict::kForbidden;
  }
  return Verdict::kAllow;
}

Status check(const Actor& actor, Action action, const Record& record) {
  switch (decide(actor, action, record)) {
    case Verdict::kAllow:
      return Status::ok();
    case Verdict::kHidden:
      return not_found();
    case Verdict::kForbidden:
      return forbidden();
  }
  return internal_error();
}

std::optional<Action> action_for_move(NeedStatus from, NeedStatus to) {
  if (!is_legal_move(from, to)) return std::nullopt;
  switch (to) {
    case NeedStatus::kSubmitted:
      return Action::kSubmitNeed;
    case NeedStatus::kValidated:
      return Action::kValidateNeed;
    case NeedStatus::kPublished:
      return Action::kPublishNeed;
    case NeedStatus::kVerified:
      return Action::kVerifyDelivery;
    case NeedStatus::kRejected:
      return Action::kRejectNeed;
    case NeedStatus::kWithdrawn:
      return Action::kWithdrawNeed;
    case NeedStatus::kDuplicate:
      return Action::kMarkDuplicate;
    case NeedStatus::kMatched:
    case NeedStatus::kFunded:
    case NeedStatus::kDelivering:
    case NeedStatus::kDelivered:
    case NeedStatus::kClosed:
      return Action::kAdvanceNeed;
    case NeedStatus::kDraft:
      break;
  }
  return std::nullopt;
}

Status check_grants(Tlp tlp, const Id& owner_org, const Access& access) {
  if (tlp != Tlp::kAmberStrict) return Status::ok();
  for (const Id& org : access.orgs) {
    if (org != owner_org) {
      return invalid("access.orgs",
                     "an AMBER+STRICT record cannot be granted to other organisations");
    }
  }
  return Status::ok();
}

Tlp default_marking(RecordKind kind) {
  return kind == RecordKind::kAssessment ? Tlp::kAmberStrict : Tlp::kAmber;
}

std::optional<Action> marking_action(Tlp from, Tlp to) {
  if (to > from) return Action::kRaiseMarking;
  if (to < from) return Action::kLowerMarking;
  return std::nullopt;
}

ReadScope read_scope(const Actor& actor) {
  ReadScope scope;
  scope.org = actor.signed_in ? actor.org : Id();
  scope.user = actor.signed_in ? actor.user : Id();
  // Relations that depend on the actor alone reveal every record of a
  // marking; the others become per-record conditions. A probe record with
  // no ids answers the actor-only relations.
  const Record probe;
  for (int tlp = 0; tlp < kTlpCount; ++tlp) {
    const ReadRule& rule = read_rule(static_cast<Tlp>(tlp));
    ReadScope::Clause& clause = scope.by_tlp[tlp];
    for (Relation relation : {Relation::kAnyone, Relation::kSignedIn, Relation::kOffice}) {
      clause.all = clause.all || (rule.by(relation) && has_relation(actor, relation, probe));
    }
    clause.owner_org = rule.by(Relation::kOwnerOrg) && !scope.org.empty();
    clause.granted_org = rule.by(Relation::kGrantedOrg) && !scope.org.empty();
    clause.named_user = rule.by(Relation::kNamedUser) && !scope.user.empty();
    clause.creator = rule.by(Relation::kCreator) && !scope.user.empty();
  }
  return scope;
}

}  // namespace tallinn::policy
