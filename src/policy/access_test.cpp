#include "policy/access.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>

#include "core/need_lifecycle.h"
#include "policy/access_contract.h"

namespace tallinn::policy {

const char* verdict_name(Verdict verdict) {
  switch (verdict) {
    case Verdict::kAllow:
      return "allow";
    case Verdict::kHidden:
      return "hidden";
    case Verdict::kForbidden:
      return "forbidden";
  }
  return "?";
}

// So that gtest prints verdicts by name.
void PrintTo(Verdict verdict, std::ostream* out) { *out << verdict_name(verdict); }

namespace {

using testing::AccessContract;
using testing::Situation;

const Id kActorUser = "user-actor";
const Id kActorOrg = "org-actor";

std::string rules_path() {
  const char* source_dir = std::getenv("TALLINN_SOURCE_DIR");
  return std::string(source_dir ? source_dir : ".") + "/tests/cases/access/rules.txt";
}

const AccessContract& contract() {
  static const AccessContract loaded = [] {
    Result<AccessContract> result = AccessContract::load(rules_path());
    if (!result.is_ok()) {
      ADD_FAILURE() << result.status().to_string();
      std::abort();
    }
    return std::move(result).value();
  }();
  return loaded;
}

std::vector<RecordKind> all_kinds() {
  return {RecordKind::kNeed,       RecordKind::kOffer, RecordKind::kAllocation,
          RecordKind::kAssessment, RecordKind::kUser,  RecordKind::kOrganisation,
          RecordKind::kAudit};
}

// The relations that can hold between an actor and a record of `kind`.
std::vector<std::string> relations_of(RecordKind kind) {
  std::vector<std::string> relations = {"owner", "granted", "named", "creator"};
  if (kind == RecordKind::kAllocation) {
    relations.insert(relations.end(), {"offer", "assigned", "committing"});
  }
  if (kind == RecordKind::kUser) relations.push_back("self");
  return relations;
}

// Every subset of the relations of `kind`, the empty one ("other") first.
std::vector<std::set<std::string>> relation_sets(RecordKind kind) {
  std::vector<std::string> relations = relations_of(kind);
  std::vector<std::set<std::string>> sets;
  for (unsigned mask = 0; mask < (1u << relations.size()); ++mask) {
    std::set<std::string> chosen;
    for (size_t bit = 0; bit < relations.size(); ++bit) {
      if (mask & (1u << bit)) chosen.insert(relations[bit]);
    }
    sets.push_back(chosen);
  }
  return sets;
}

std::vector<std::optional<NeedStatus>> statuses_of(RecordKind kind) {
  if (kind != RecordKind::kNeed) return {std::nullopt};
  std::vector<std::optional<NeedStatus>> statuses = {std::nullopt};
  for (int status = 0; status < kNeedStatusCount; ++status) {
    statuses.push_back(static_cast<NeedStatus>(status));
  }
  return statuses;
}

// Every role signed in, then the anonymous public.
std::vector<Actor> all_actors() {
  std::vector<Actor> actors;
  for (int role = 0; role < kRoleCount; ++role) {
    actors.push_back(Actor::member(kActorUser, kActorOrg, static_cast<Role>(role)));
  }
  actors.push_back(Actor::anonymous());
  return actors;
}

// Each situation as the implementation sees it: ids that equal the actor's
// exactly where a relation holds, and someone else's everywhere else.
Record record_for(const Actor& actor, const Situation& situation) {
  auto pick = [&](const char* relation, const Id& actors_id, const Id& other) {
    return situation.relations.count(relation) ? actors_id : other;
  };
  Record record;
  record.kind = situation.kind;
  record.tlp = situation.tlp;
  record.need_status = situation.need_status;
  record.id = pick("self", actor.user, "record-other");
  record.owner_org = pick("owner", actor.org, "org-owner");
  record.creator = pick("creator", actor.user, "user-creator");
  record.access.orgs = {"org-granted"};
  if (situation.relations.count("granted")) record.access.orgs.push_back(actor.org);
  record.access.users = {"user-named"};
  if (situation.relations.count("named")) record.access.users.push_back(actor.user);
  if (situation.kind == RecordKind::kAllocation) {
    record.offer_org = pick("offer", actor.org, "org-donor");
    record.implementer_org = pick("assigned", actor.org, "org-implementer");
    record.committing_org = pick("committing", actor.org, "org-donor");
  }
  return record;
}

std::string describe(const Situation& situation, const std::string& action) {
  std::ostringstream text;
  text << (situation.signed_in ? std::string(to_string(situation.role)) : "anonymous") << " "
       << action << " " << testing::kind_name(situation.kind) << " " << to_string(situation.tlp);
  if (situation.need_status) text << " " << to_string(*situation.need_status);
  text << " relations {";
  for (const std::string& relation : situation.relations) text << " " << relation;
  text << " }";
  return text.str();
}

// Calls `visit` for every actor, marking, record kind, relation set and
// need status.
template <typename Visit>
void for_each_situation(const std::vector<RecordKind>& kinds, Visit visit) {
  for (const Actor& actor : all_actors()) {
    for (RecordKind kind : kinds) {
      for (int tlp = 0; tlp < kTlpCount; ++tlp) {
        for (const std::set<std::string>& relations : relation_sets(kind)) {
          for (std::optional<NeedStatus> status : statuses_of(kind)) {
            Situation situation{actor.signed_in,       actor.role, relations, kind,
                                static_cast<Tlp>(tlp), status};
            visit(actor, situation, record_for(actor, situation));
          }
        }
      }
    }
  }
}

TEST(AccessTest, RulesFileNamesEveryAction) {
  std::set<std::string> named = contract().actions_named();
  for (int action = 0; action < kActionCount; ++action) {
    if (static_cast<Action>(action) == Action::kRead) continue;
    EXPECT_TRUE(named.count(testing::action_name(static_cast<Action>(action))))
        << testing::action_name(static_cast<Action>(action));
  }
}

// The executable form of access.md: every role and the public, every
// marking, every combination of relations, every action, on every kind.
TEST(AccessTest, DecideFollowsTheContractEverywhere) {
  int64_t checked = 0;
  int64_t mismatches = 0;
  for_each_situation(
      all_kinds(), [&](const Actor& actor, const Situation& situation, const Record& record) {
        for (int index = 0; index < kActionCount; ++index) {
          auto action = static_cast<Action>(index);
          Verdict want = contract().expected(situation, testing::action_name(action));
          Verdict got = decide(actor, action, record);
          ++checked;
          if (want != got && ++mismatches <= 20) {
            ADD_FAILURE() << describe(situation, testing::action_name(action)) << ": expected "
                          << verdict_name(want) << ", decide() says " << verdict_name(got);
          }
        }
      });
  EXPECT_EQ(mismatches, 0);
  // 9 actors x 5 markings x 27 actions x (14 x 16 needs + 16 offers + 128
  // allocations + 16 assessments + 32 users + 16 organisations + 16 audit).
  EXPECT_EQ(checked, 9 * 5 * 27 * (14 * 16 + 16 + 128 + 16 + 32 + 16 + 16));
}

// What a store does with a ReadScope, written as the SQL would read.
bool scope_matches(const ReadScope& scope, const Record& record) {
  auto holds = [](const std::vector<Id>& ids, const Id& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  };
  const ReadScope::Clause& clause = scope.clause(record.tlp);
  return clause.all || (clause.owner_org && record.owner_org == scope.org) ||
         (clause.granted_org && holds(record.access.orgs, scope.org)) ||
         (clause.named_user && holds(record.access.users, scope.user)) ||
         (clause.creator && record.creator == scope.user);
}

TEST(AccessTest, ReadScopeAgreesWithDecide) {
  int64_t checked = 0;
  for_each_situation({RecordKind::kNeed, RecordKind::kOffer, RecordKind::kAssessment},
                     [&](const Actor& actor, const Situation& situation, const Record& record) {
                       ++checked;
                       EXPECT_EQ(scope_matches(read_scope(actor), record),
                                 decide(actor, Action::kRead, record) == Verdict::kAllow)
                           << describe(situation, "read");
                     });
  EXPECT_EQ(checked, 9 * 5 * (14 * 16 + 16 + 16));
}

TEST(AccessTest, AnonymousReadsOnlyClearMarkedRecords) {
  ReadScope scope = read_scope(Actor::anonymous());
  EXPECT_TRUE(scope.org.empty());
  EXPECT_TRUE(scope.clause(Tlp::kClear).all);
  for (Tlp tlp : {Tlp::kGreen, Tlp::kAmber, Tlp::kAmberStrict, Tlp::kRed}) {
    const ReadScope::Clause& clause = scope.clause(tlp);
    EXPECT_FALSE(clause.all || clause.owner_org || clause.granted_org || clause.named_user ||
                 clause.creator);
  }
  Record need;
  need.tlp = Tlp::kClear;
  need.owner_org = "org-beneficiary";
  EXPECT_EQ(decide(Actor::anonymous(), Action::kRead, need), Verdict::kAllow);
  EXPECT_EQ(decide(Actor::anonymous(), Action::kEditNeed, need), Verdict::kForbidden);
  need.tlp = Tlp::kGreen;
  EXPECT_EQ(decide(Actor::anonymous(), Action::kRead, need), Verdict::kHidden);
  EXPECT_EQ(decide(Actor::anonymous(), Action::kEditNeed, need), Verdict::kHidden);
}

Record allocation_between(Id beneficiary, Id donor, Id implementer) {
  Record allocation;
  allocation.kind = RecordKind::kAllocation;
  allocation.owner_org = std::move(beneficiary);
  allocation.offer_org = donor;
  allocation.committing_org = std::move(donor);
  allocation.implementer_org = std::move(implementer);
  return allocation;
}

TEST(AccessTest, SeparationOfDuties) {
  // A donor whose organisation also owns the need may not commit to it.
  Record own_need = allocation_between("org-x", "org-x", "org-i");
  EXPECT_EQ(decide(Actor::member("u", "org-x", Role::kDonor), Action::kCommitAllocation, own_need),
            Verdict::kForbidden);
  Record fair = allocation_between("org-b", "org-x", "org-i");
  EXPECT_EQ(decide(Actor::member("u", "org-x", Role::kDonor), Action::kCommitAllocation, fair),
            Verdict::kAllow);
  // The back office may not decide where it is the donor or the need's owner.
  EXPECT_EQ(decide(Actor::member("u", "org-x", Role::kBackOffice), Action::kRecordDecision, fair),
            Verdict::kForbidden);
  EXPECT_EQ(decide(Actor::member("u", "org-w", Role::kBackOffice), Action::kRecordDecision, fair),
            Verdict::kAllow);
  // The front office may not verify a delivery it implemented or funded.
  EXPECT_EQ(decide(Actor::member("u", "org-k", Role::kFrontOffice), Action::kVerifyDelivery,
                   allocation_between("org-b", "org-x", "org-k")),
            Verdict::kForbidden);
  EXPECT_EQ(decide(Actor::member("u", "org-k", Role::kFrontOffice), Action::kVerifyDelivery, fair),
            Verdict::kAllow);
  EXPECT_EQ(decide(Actor::member("u", "org-b", Role::kBeneficiary), Action::kVerifyDelivery, fair),
            Verdict::kAllow);
}

TEST(AccessTest, EditingANeedNarrowsToTheBackOfficeOnceValidated) {
  Actor beneficiary = Actor::member("u", "org-b", Role::kBeneficiary);
  Actor front_office = Actor::member("f", "org-f", Role::kFrontOffice);
  Actor back_office = Actor::member("k", "org-k", Role::kBackOffice);
  Record need;
  need.owner_org = "org-b";
  for (NeedStatus before : {NeedStatus::kDraft, NeedStatus::kSubmitted}) {
    need.need_status = before;
    EXPECT_EQ(decide(beneficiary, Action::kEditNeed, need), Verdict::kAllow);
    EXPECT_EQ(decide(front_office, Action::kEditNeed, need), Verdict::kAllow);
  }
  need.need_status = NeedStatus::kValidated;
  EXPECT_EQ(decide(beneficiary, Action::kEditNeed, need), Verdict::kForbidden);
  EXPECT_EQ(decide(front_office, Action::kEditNeed, need), Verdict::kForbidden);
  EXPECT_EQ(decide(back_office, Action::kEditNeed, need), Verdict::kAllow);
}

TEST(AccessTest, ACreateIsCheckedAgainstTheRecordAsStored) {
  Record need;
  need.owner_org = "org-other";
  need.creator = "u";
  Actor beneficiary = Actor::member("u", "org-b", Role::kBeneficiary);
  EXPECT_EQ(decide(beneficiary, Action::kCreateNeed, need), Verdict::kForbidden);
  need.owner_org = "org-b";
  EXPECT_EQ(decide(beneficiary, Action::kCreateNeed, need), Verdict::kAllow);
}

TEST(AccessTest, CheckMapsVerdictsToStatuses) {
  Record need;
  need.owner_org = "org-b";
  need.need_status = NeedStatus::kDraft;
  EXPECT_TRUE(check(Actor::member("u", "org-b", Role::kBeneficiary), Action::kEditNeed, need));
  EXPECT_EQ(check(Actor::member("u", "org-d", Role::kDonor), Action::kEditNeed, need).code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(check(Actor::member("u", "org-k", Role::kUaAuthority), Action::kEditNeed, need).code(),
            ErrorCode::kForbidden);
}

TEST(AccessTest, StrictRecordsRefuseGrantsToOtherOrganisations) {
  Access owner_only{{"org-b"}, {"user-x"}};
  Access other{{"org-b", "org-d"}, {}};
  EXPECT_TRUE(check_grants(Tlp::kAmberStrict, "org-b", Access{}));
  EXPECT_TRUE(check_grants(Tlp::kAmberStrict, "org-b", owner_only));
  Status refused = check_grants(Tlp::kAmberStrict, "org-b", other);
  EXPECT_EQ(refused.code(), ErrorCode::kInvalid);
  EXPECT_EQ(refused.field(), "access.orgs");
  for (Tlp tlp : {Tlp::kClear, Tlp::kGreen, Tlp::kAmber, Tlp::kRed}) {
    EXPECT_TRUE(check_grants(tlp, "org-b", other)) << to_string(tlp);
  }
}

TEST(AccessTest, NewNeedsAreAmberAndNewAssessmentsAmberStrict) {
  EXPECT_EQ(default_marking(RecordKind::kNeed), Tlp::kAmber);
  EXPECT_EQ(default_marking(RecordKind::kAssessment), Tlp::kAmberStrict);
  EXPECT_EQ(default_marking(RecordKind::kOffer), Tlp::kAmber);
}

TEST(AccessTest, MarkingActionFollowsTheTlpOrder) {
  const std::vector<Tlp> least_to_most = {Tlp::kClear, Tlp::kGreen, Tlp::kAmber, Tlp::kAmberStrict,
                                          Tlp::kRed};
  for (size_t from = 0; from < least_to_most.size(); ++from) {
    for (size_t to = 0; to < least_to_most.size(); ++to) {
      std::optional<Action> want;
      if (to > from) want = Action::kRaiseMarking;
      if (to < from) want = Action::kLowerMarking;
      EXPECT_EQ(marking_action(least_to_most[from], least_to_most[to]), want)
          << to_string(least_to_most[from]) << " -> " << to_string(least_to_most[to]);
    }
  }
}

TEST(AccessTest, ActionForEveryPairOfStates) {
  for (int from = 0; from < kNeedStatusCount; ++from) {
    for (int to = 0; to < kNeedStatusCount; ++to) {
      auto from_status = static_cast<NeedStatus>(from);
      auto to_status = static_cast<NeedStatus>(to);
      std::optional<std::string> want = contract().action_for_move(from_status, to_status);
      std::optional<Action> got = action_for_move(from_status, to_status);
      std::optional<std::string> got_name;
      if (got) got_name = testing::action_name(*got);
      EXPECT_EQ(got_name, want) << to_string(from_status) << " -> " << to_string(to_status);
      EXPECT_EQ(want.has_value(), is_legal_move(from_status, to_status))
          << to_string(from_status) << " -> " << to_string(to_status);
    }
  }
}

}  // namespace
}  // namespace tallinn::policy
