// The one access decision of tallinn (../shared/spec/access.md).
//
// decide() is a pure function of (actor, action, record): no I/O, no clock,
// no hidden state. Every read path and every write in service/ calls it; the
// store's SQL list filters are generated from the same read rules
// (read_rule()), and a test checks that both agree for every role, marking
// and relation.
#pragma once

#include <array>
#include <optional>
#include <string>

#include "core/domain.h"
#include "core/read_scope.h"
#include "core/status.h"

namespace tallinn::policy {

// Who acts. An anonymous actor (the public page) has no user, org or role.
struct Actor {
  Id user;
  Id org;
  Role role = Role::kObserver;
  bool signed_in = false;

  static Actor anonymous() { return Actor{}; }
  static Actor member(Id user, Id org, Role role) {
    return Actor{std::move(user), std::move(org), role, true};
  }
};

// What the actor wants to do. Each action applies to the record kinds noted
// beside it (tests/cases/access/rules.txt lists who may, per kind); on any
// other kind it is kForbidden.
enum class Action {
  kRead,                 // every kind
  kCreateNeed,           // need, assessment (an assessment is a beneficiary's need statement)
  kEditNeed,             // need, assessment; before validation or after (the rule differs)
  kSubmitNeed,           // need
  kValidateNeed,         // need
  kPublishNeed,          // need
  kAdvanceNeed,          // need: published -> ... -> delivered, verified -> closed
  kRejectNeed,           // need
  kMarkDuplicate,        // need
  kWithdrawNeed,         // need; before validation or after (the rule differs)
  kVerifyDelivery,       // need (delivered -> verified), allocation
  kSetNationalPriority,  // need
  kCreateOffer,          // offer
  kEditOffer,            // offer
  kRaiseMarking,         // need, offer, allocation, assessment
  kLowerMarking,         // need, offer, allocation, assessment
  kChangeAccess,         // need, offer, allocation, assessment: access.orgs / access.users
  kRunMatching,          // any: concerns no single record
  kMakeProposal,         // any: concerns no single record
  kRecordDecision,       // allocation
  kManageMeetings,       // any: plan, open, close and read coordination-group meetings
  kCommitAllocation,     // allocation; and declining it
  kAssignImplementer,    // allocation
  kReportDelivery,       // allocation
  kReadAudit,            // audit
  kManageOrganisations,  // organisation
  kManageUsers,          // user
};
inline constexpr int kActionCount = 27;

enum class RecordKind { kNeed, kOffer, kAllocation, kAssessment, kOrganisation, kUser, kAudit };

// The facts about one record that the decision may look at. Services fill
// it from the stored record (or, for a create, from the record as it would
// be stored).
//
// Who sees a record depends on its kind: needs, offers and assessments by
// their marking alone; allocations only by their parties (the offices, the
// need's owner, the offer's donor, the assigned implementer), and a RED one
// also only by its named users and creator; organisations by every signed-in
// user; users by admins, the offices, their own organisation and themselves
// (`id` is the user's id, `owner_org` their organisation); the audit trail
// by the back office and admins.
struct Record {
  RecordKind kind = RecordKind::kNeed;
  Id id;
  Id owner_org;  // need: beneficiary; offer: donor; allocation: the need's owner
  Id creator;
  Tlp tlp = Tlp::kAmber;
  Access access;
  std::optional<NeedStatus> need_status;  // needs only; none counts as validated
  // Allocations: the other side of each decision (separation of duties).
  Id offer_org;        // the donor whose offer funds the allocation
  Id implementer_org;  // the assigned implementer, if any
  Id committing_org;   // the donor that committed it, if any
};

enum class Verdict {
  kAllow,
  kHidden,     // the actor may not see the record: answer exactly as "absent" (404)
  kForbidden,  // the actor sees the record but may not do this (403)
};

// The decision. For every action other than kRead, a record the actor
// cannot read is kHidden, never kForbidden, so refusals learn nothing. The
// creates (kCreateNeed, kCreateOffer) are the exception: the record does not
// exist yet and the actor supplied it, so a create is never kHidden (a
// beneficiary creating a need for another organisation is kForbidden).
// Separation of duties: kRecordDecision is kForbidden to the need's owner and
// the offer's donor, kCommitAllocation to the need's owner, kVerifyDelivery
// to the offer's donor, the committing donor and the implementer.
Verdict decide(const Actor& actor, Action action, const Record& record);

// Convenience for services: kAllow -> OK, kHidden -> not_found(),
// kForbidden -> forbidden().
Status check(const Actor& actor, Action action, const Record& record);

// The action that moves a need from `from` to `to`, or nullopt when the move
// does not exist (see core/need_lifecycle.h).
std::optional<Action> action_for_move(NeedStatus from, NeedStatus to);

// How a record relates to an actor: the facts that make a marked record
// visible (access.md, "Markings").
enum class Relation {
  kAnyone,      // including the anonymous public
  kSignedIn,    // any signed-in user of any organisation
  kOffice,      // the actor is front office, back office or UA authority
  kOwnerOrg,    // the actor's organisation owns the record
  kGrantedOrg,  // the actor's organisation is in access.orgs
  kNamedUser,   // the actor is in access.users
  kCreator,     // the actor created the record
};
inline constexpr int kRelationCount = 7;

// For one marking, which relations reveal a record. The single source of the
// read rule: decide() evaluates it in C++, the store translates it to SQL.
struct ReadRule {
  std::array<bool, kRelationCount> reveals{};
  bool by(Relation relation) const { return reveals[static_cast<int>(relation)]; }
};
const ReadRule& read_rule(Tlp tlp);

// True when `actor` stands in `relation` to `record`. Empty ids never match,
// and only kAnyone holds for the anonymous actor.
bool has_relation(const Actor& actor, Relation relation, const Record& record);

// The read rules of read_rule() for one actor, as flags a store turns into
// a SQL filter over needs, offers and assessments: a record matches the scope
// exactly when decide(actor, kRead, record) is kAllow. Allocations, users,
// organisations and the audit trail are not marked-only records; their lists
// filter by decide() or by their own parties.
ReadScope read_scope(const Actor& actor);

// The marking a new record gets when its creator names none: AMBER for
// needs (access.md), AMBER+STRICT for assessments, which describe a whole
// beneficiary's weaknesses; AMBER for every other marked kind.
Tlp default_marking(RecordKind kind);

// Whether grants may name other organisations on a record with this
// marking: AMBER+STRICT refuses them (422 naming "access.orgs").
Status check_grants(Tlp tlp, const Id& owner_org, const Access& access);

// Raising a marking is allowed to the owner organisation and the back
// office; lowering is a back-office action with a reason (service/ checks
// the reason is present). Returns kRaiseMarking or kLowerMarking, or
// nullopt when the marking does not change.
std::optional<Action> marking_action(Tlp from, Tlp to);

}  // namespace tallinn::policy
