#include "service/demo.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <random>

#include "service/assessment_service.h"
#include "service/coordination_service.h"
#include "service/audit_log.h"
#include "service/directory_service.h"
#include "service/need_service.h"
#include "service/offer_service.h"
#include "service/session_service.h"

namespace tallinn::service {
namespace {

struct DemoOrganisation {
  const char* name;
  Role kind;
  const char* country;
};

constexpr std::array<DemoOrganisation, 19> kMechanism = {{
    {"Estonia (lead nation)", Role::kDonor, "EE"},
    {"Canada", Role::kDonor, "CA"},
    {"Denmark", Role::kDonor, "DK"},
    {"France", Role::kDonor, "FR"},
    {"Germany", Role::kDonor, "DE"},
    {"Italy", Role::kDonor, "IT"},
    {"Netherlands", Role::kDonor, "NL"},
    {"Poland", Role::kDonor, "PL"},
    {"Sweden", Role::kDonor, "SE"},
    {"United Kingdom", Role::kDonor, "GB"},
    {"United States", Role::kDonor, "US"},
    {"European Union", Role::kObserver, ""},
    {"NATO", Role::kObserver, ""},
    {"Observer state: Finland", Role::kObserver, "FI"},
    {"Tallinn Mechanism Front Office (Kyiv)", Role::kFrontOffice, "UA"},
    {"Tallinn Mechanism Back Office (Warsaw)", Role::kBackOffice, "PL"},
    {"State Service of Special Communications (coordinating authority)", Role::kUaAuthority, "UA"},
    {"SecureLink Deliveries (implementer)", Role::kImplementer, "EE"},
    {"CyberShield NGO (implementer)", Role::kImplementer, "PL"},
}};

struct DemoBeneficiaryKind {
  const char* pattern;  // %s: the city
  Sector sector;
};

constexpr std::array<DemoBeneficiaryKind, 8> kBeneficiaryKinds = {{
    {"%s Regional Power Distribution", Sector::kEnergy},
    {"%s City Council", Sector::kPublicAdministration},
    {"%s Regional Clinical Hospital", Sector::kHealth},
    {"%s Water Utility", Sector::kDrinkingWater},
    {"%s Municipal Transport", Sector::kTransport},
    {"%s Heat Supply Company", Sector::kEnergy},
    {"%s Regional Telecom Exchange", Sector::kDigitalInfrastructure},
    {"%s Wastewater Treatment", Sector::kWasteWater},
}};

struct DemoCity {
  const char* name;
  const char* region;
};

constexpr std::array<DemoCity, 10> kCities = {{
    {"Kharkiv", "UA-63"},
    {"Kyiv", "UA-30"},
    {"Lviv", "UA-46"},
    {"Odesa", "UA-51"},
    {"Dnipro", "UA-12"},
    {"Zaporizhzhia", "UA-23"},
    {"Mykolaiv", "UA-48"},
    {"Sumy", "UA-59"},
    {"Chernihiv", "UA-77"},
    {"Poltava", "UA-53"},
}};

constexpr std::array<const char*, 8> kNeedTitles = {
    "Next-generation firewalls for %s control network",
    "EDR licences for %s workstations",
    "Backup satellite connectivity (Starlink terminals) for %s",
    "Incident-response training for %s IT staff",
    "NIS2-aligned cyber-resilience assessment of %s",
    "24/7 incident-response retainer for %s",
    "Network segmentation design for %s",
    "Hardened off-site hosting of %s backups",
};

const std::array<NeedStatus, 13> kEveryStatus = {
    NeedStatus::kDraft,     NeedStatus::kSubmitted, NeedStatus::kValidated,  NeedStatus::kPublished,
    NeedStatus::kMatched,   NeedStatus::kFunded,    NeedStatus::kDelivering, NeedStatus::kDelivered,
    NeedStatus::kVerified,  NeedStatus::kClosed,    NeedStatus::kRejected,   NeedStatus::kWithdrawn,
    NeedStatus::kDuplicate,
};

std::string format(const char* pattern, const std::string& value) {
  std::string text = pattern;
  text.replace(text.find("%s"), 2, value);
  return text;
}

class DemoLoader {
 public:
  DemoLoader(Context& context, unsigned seed)
      : context_(context),
        directory_(context),
        needs_(context),
        offers_(context),
        coordination_(context),
        assessments_(context),
        rng_(seed) {}

  Result<DemoSummary> load() {
    TALLINN_RETURN_IF_ERROR(require_empty());
    TALLINN_RETURN_IF_ERROR(make_second_factor_optional());
    TALLINN_RETURN_IF_ERROR(add_mechanism());
    TALLINN_RETURN_IF_ERROR(add_beneficiaries());
    TALLINN_RETURN_IF_ERROR(add_offers());
    TALLINN_RETURN_IF_ERROR(add_needs());
    TALLINN_RETURN_IF_ERROR(add_coordination());
    TALLINN_RETURN_IF_ERROR(add_assessments());
    return summary_;
  }

 private:
  // The demo's passwords are printed for everyone, so a second factor would
  // protect nothing here, and visitors must be able to sign in without an
  // authenticator. Accounts that enrol still need their codes. Only this
  // loader, which refuses a database holding data, relaxes the setting.
  Status make_second_factor_optional() {
    TALLINN_ASSIGN_OR_RETURN(auto transaction,
                             context_.store.begin(store::TransactionMode::kWrite));
    TALLINN_RETURN_IF_ERROR(transaction->set_setting(kTotpEnforcementSetting, "enrolled"));
    TALLINN_RETURN_IF_ERROR(append_audit(*transaction, context_.clock,
                                         DirectoryService::command_line_operator(),
                                         AuditEvent{.action = "settings.update",
                                                    .record_type = "settings",
                                                    .changed_fields = {kTotpEnforcementSetting}}));
    return transaction->commit();
  }

  Status require_empty() {
    TALLINN_ASSIGN_OR_RETURN(auto transaction, context_.store.begin(store::TransactionMode::kRead));
    TALLINN_ASSIGN_OR_RETURN(int64_t organisations, transaction->count_organisations());
    if (organisations > 0)
      return conflict("the database is not empty; demo data needs an empty one");
    return Status::ok();
  }

  Result<Organisation> add_organisation(const std::string& name, Role kind,
                                        const std::string& country) {
    auto result = directory_.create_organisation(DirectoryService::command_line_operator(),
                                                 OrganisationDraft{name, kind, country});
    if (result.is_ok()) ++summary_.organisations;
    return result;
  }

  // One account per role, with a memorable address.
  Result<policy::Actor> add_account(const Organisation& organisation, const std::string& email) {
    TALLINN_ASSIGN_OR_RETURN(
        User user, directory_.create_user(DirectoryService::command_line_operator(),
                                          UserDraft{organisation.id, email, kDemoPassword}));
    ++summary_.users;
    summary_.sign_ins.push_back(
        DemoSignIn{std::string(to_string(user.role)), email, kDemoPassword, organisation.name});
    return policy::Actor::member(user.id, user.org, user.role);
  }

  Status add_mechanism() {
    for (const auto& member : kMechanism) {
      TALLINN_ASSIGN_OR_RETURN(Organisation organisation,
                               add_organisation(member.name, member.kind, member.country));
      switch (member.kind) {
        case Role::kDonor:
          donors_.push_back(organisation);
          break;
        case Role::kImplementer:
          implementers_.push_back(organisation);
          break;
        default:
          break;
      }
      bool first_of_kind = std::none_of(
          summary_.sign_ins.begin(), summary_.sign_ins.end(),
          [&](const DemoSignIn& sign_in) { return sign_in.role == to_string(member.kind); });
      if (!first_of_kind) continue;
      std::string email = demo_email(member.kind);
      TALLINN_ASSIGN_OR_RETURN(policy::Actor actor, add_account(organisation, email));
      actors_[static_cast<int>(member.kind)] = actor;
    }
    TALLINN_ASSIGN_OR_RETURN(Organisation platform,
                             add_organisation("Platform operations", Role::kAdmin, "EE"));
    TALLINN_ASSIGN_OR_RETURN(actors_[static_cast<int>(Role::kAdmin)],
                             add_account(platform, demo_email(Role::kAdmin)));
    return Status::ok();
  }

  Status add_beneficiaries() {
    for (size_t i = 0; i < 40; ++i) {
      const DemoCity& city = kCities[i % kCities.size()];
      const DemoBeneficiaryKind& kind = kBeneficiaryKinds[(i / 2 + i) % kBeneficiaryKinds.size()];
      TALLINN_ASSIGN_OR_RETURN(
          Organisation organisation,
          add_organisation(format(kind.pattern, city.name), Role::kBeneficiary, "UA"));
      beneficiaries_.push_back({organisation, kind.sector, *parse_region(city.region)});
      if (i == 0) {
        TALLINN_ASSIGN_OR_RETURN(actors_[static_cast<int>(Role::kBeneficiary)],
                                 add_account(organisation, demo_email(Role::kBeneficiary)));
      }
    }
    return Status::ok();
  }

  Status add_offers() {
    const policy::Actor& back_office = actor(Role::kBackOffice);
    for (size_t i = 0; i < 33; ++i) {
      const Organisation& donor = donors_[i % donors_.size()];
      OfferDraft draft;
      draft.org = donor.id;
      draft.title = donor.name + ": " +
                    std::string(to_string(static_cast<Category>(i % kCategoryCount))) +
                    " package " + std::to_string(i / donors_.size() + 1);
      draft.description = "Pledged through the Tallinn Mechanism for civilian cyber resilience.";
      draft.budget = static_cast<Cents>(50'000 + pick(0, 30) * 25'000) * 100;
      if (i % 3 != 0) draft.categories = {static_cast<Category>(i % kCategoryCount)};
      if (i % 4 == 1) draft.sectors = {Sector::kEnergy, Sector::kHealth};
      if (i % 5 == 2) draft.regions = {*parse_region("UA-63"), *parse_region("UA-30")};
      draft.tlp = i % 4 == 0 ? Tlp::kGreen : Tlp::kAmber;
      TALLINN_RETURN_IF_ERROR(offers_.create(back_office, draft).status());
      ++summary_.offers;
    }
    return Status::ok();
  }

  Status add_needs() {
    for (int i = 0; i < 320; ++i) {
      const auto& beneficiary = beneficiaries_[i % beneficiaries_.size()];
      NeedDraft draft;
      draft.org = beneficiary.organisation.id;
      draft.title =
          format(kNeedTitles[pick(0, kNeedTitles.size() - 1)], beneficiary.organisation.name);
      draft.description =
          "Identified in the front office's intake; details are shared with the offices only.";
      draft.sector = beneficiary.sector;
      draft.region = beneficiary.region;
      draft.category = static_cast<Category>(pick(0, kCategoryCount - 1));
      draft.amount = static_cast<Cents>(pick(5, 400)) * 1'000'00 + pick(0, 99);
      draft.priority = static_cast<int>(pick(1, 5));
      draft.divisible = pick(0, 3) != 0;
      draft.tlp = static_cast<Tlp>(i % kTlpCount);
      const policy::Actor& author =
          i % 3 == 0 && beneficiary.organisation.id == actor(Role::kBeneficiary).org
              ? actor(Role::kBeneficiary)
              : actor(Role::kFrontOffice);
      if (draft.tlp == Tlp::kRed) draft.access.users = {actor(Role::kBackOffice).user};
      if (draft.tlp == Tlp::kAmber && i % 2 == 1) draft.access.orgs = {donors_[i % 11].id};
      TALLINN_ASSIGN_OR_RETURN(Need need, needs_.create(author, draft));
      NeedStatus target = kEveryStatus[(i / kTlpCount) % kEveryStatus.size()];
      TALLINN_RETURN_IF_ERROR(advance(need, target, author));
      ++summary_.needs;
      if (need.status == NeedStatus::kPublished) last_published_ = need.id;
    }
    return Status::ok();
  }

  // A past meeting of the coordination group: a matching run over what was
  // published, its proposal decided (most approved, one deferred, one
  // rejected), the demo donor's share committed, and deliveries in
  // progress, one of them verified.
  Status add_coordination() {
    const policy::Actor& back_office = actor(Role::kBackOffice);
    TALLINN_ASSIGN_OR_RETURN(MatchingRun run, coordination_.run_matching(back_office, 5));
    TALLINN_ASSIGN_OR_RETURN(ProposalView proposal, coordination_.propose(back_office, run.id));
    MeetingDraft draft;
    draft.title = "Coordination group, monthly meeting";
    draft.agenda = "1. The matching run of the month. 2. Decisions on its proposal.";
    draft.attendance.push_back(actor(Role::kUaAuthority).org);
    for (const Organisation& donor : donors_) draft.attendance.push_back(donor.id);
    TALLINN_ASSIGN_OR_RETURN(Meeting meeting, coordination_.create_meeting(back_office, draft));
    TALLINN_RETURN_IF_ERROR(coordination_.open_meeting(back_office, meeting.id).status());
    std::vector<Allocation> approved;
    for (size_t i = 0; i < proposal.allocations.size(); ++i) {
      const Allocation& allocation = proposal.allocations[i].allocation;
      DecisionInput input{meeting.id, DecisionKind::kApprove, "Priority and fit confirmed", {}};
      if (i % 7 == 5) input = {meeting.id, DecisionKind::kDefer, "Awaiting the assessment", {}};
      if (i % 7 == 6) input = {meeting.id, DecisionKind::kReject, "Covered bilaterally", {}};
      TALLINN_ASSIGN_OR_RETURN(AllocationView decided,
                               coordination_.decide(back_office, allocation.id, input));
      if (decided.allocation.status == AllocationStatus::kApproved) {
        approved.push_back(decided.allocation);
      }
    }
    MeetingClose close{"Approved the proposal except where deferred or rejected."};
    TALLINN_RETURN_IF_ERROR(coordination_.close_meeting(back_office, meeting.id, close).status());
    const policy::Actor& donor = actor(Role::kDonor);
    const policy::Actor& implementer = actor(Role::kImplementer);
    int delivered = 0;
    for (const Allocation& allocation : approved) {
      // RED allocations stay with their named users; the demo donor is none.
      if (allocation.offer_org != donor.org || allocation.tlp == Tlp::kRed) continue;
      Result<AllocationView> committed = coordination_.commit(donor, allocation.id, {});
      if (!committed.is_ok()) continue;  // the budget is spent: the demo shows a refusal's effect
      TALLINN_RETURN_IF_ERROR(
          coordination_.assign(back_office, allocation.id, implementer.org).status());
      const int percent = delivered % 3 == 0 ? 100 : 40;
      ReportInput report{percent, "Equipment delivered and configured on site", "installation",
                         std::nullopt};
      TALLINN_RETURN_IF_ERROR(coordination_.report(implementer, allocation.id, report).status());
      if (delivered == 0) {
        TALLINN_RETURN_IF_ERROR(
            coordination_.verify(actor(Role::kFrontOffice), allocation.id).status());
      }
      ++delivered;
    }
    return Status::ok();
  }

  // The front office assesses a few beneficiaries, derives the draft needs
  // of their gaps and submits every other one, so the validation queue
  // shows them (with possible duplicates) and the inboxes fill.
  Status add_assessments() {
    const policy::Actor& front_office = actor(Role::kFrontOffice);
    for (size_t i = 0; i < 6; ++i) {
      const auto& beneficiary = beneficiaries_[i * 3 % beneficiaries_.size()];
      AssessmentDraft draft;
      draft.org = beneficiary.organisation.id;
      draft.title = "NIS2 Art. 21 assessment of " + beneficiary.organisation.name;
      draft.sector = beneficiary.sector;
      draft.region = beneficiary.region;
      draft.criticality = static_cast<int>(pick(2, 5));
      for (MeasureScore& measure : draft.measures) {
        measure.score = static_cast<int>(pick(0, kMaxMeasureScore));
        measure.evidence = "Demo: interview with the CISO and a review of the network diagram.";
      }
      TALLINN_ASSIGN_OR_RETURN(Assessment assessment, assessments_.create(front_office, draft));
      ++summary_.assessments;
      TALLINN_ASSIGN_OR_RETURN(std::vector<Need> gaps,
                               assessments_.create_needs(front_office, assessment.id));
      for (size_t g = 0; g < gaps.size(); ++g) {
        ++summary_.needs;
        if (g % 2 == 0)
          TALLINN_RETURN_IF_ERROR(step(gaps[g], NeedStatus::kSubmitted, front_office));
      }
    }
    return Status::ok();
  }

  // Walks `need` along the lifecycle to `target`, each move made by the role
  // access.md gives it.
  Status advance(Need& need, NeedStatus target, const policy::Actor& author) {
    if (target == NeedStatus::kRejected || target == NeedStatus::kWithdrawn ||
        target == NeedStatus::kDuplicate) {
      TALLINN_RETURN_IF_ERROR(step(need, NeedStatus::kSubmitted, author));
      NeedMove move{target, "Demo: " + std::string(to_string(target)), std::nullopt};
      if (target == NeedStatus::kDuplicate) {
        if (last_published_.empty()) return Status::ok();
        move.duplicate_of = last_published_;
      }
      return apply(need, move, actor(Role::kBackOffice));
    }
    while (need.status != target) {
      auto next = static_cast<NeedStatus>(static_cast<int>(need.status) + 1);
      TALLINN_RETURN_IF_ERROR(step(need, next, author));
    }
    return Status::ok();
  }

  Status step(Need& need, NeedStatus next, const policy::Actor& author) {
    const policy::Actor* mover = &actor(Role::kBackOffice);
    if (next == NeedStatus::kSubmitted) mover = &author;
    if (next == NeedStatus::kVerified) mover = &actor(Role::kFrontOffice);
    return apply(need, NeedMove{next, {}, std::nullopt}, *mover);
  }

  Status apply(Need& need, const NeedMove& move, const policy::Actor& mover) {
    // RED needs are visible to their creator and named users only; the back
    // office is named on every demo RED need, and the creator moves the rest.
    const policy::Actor& effective =
        need.tlp == Tlp::kRed && mover.role == Role::kFrontOffice && need.creator != mover.user
            ? actor(Role::kBackOffice)
            : mover;
    TALLINN_ASSIGN_OR_RETURN(need, needs_.move(effective, need.id, move));
    return Status::ok();
  }

  const policy::Actor& actor(Role role) const { return actors_[static_cast<int>(role)]; }

  size_t pick(size_t low, size_t high) {
    return std::uniform_int_distribution<size_t>(low, high)(rng_);
  }

  struct Beneficiary {
    Organisation organisation;
    Sector sector;
    Region region;
  };

  Context& context_;
  DirectoryService directory_;
  NeedService needs_;
  OfferService offers_;
  CoordinationService coordination_;
  AssessmentService assessments_;
  std::mt19937 rng_;
  DemoSummary summary_;
  std::array<policy::Actor, kRoleCount> actors_;
  std::vector<Organisation> donors_;
  std::vector<Organisation> implementers_;
  std::vector<Beneficiary> beneficiaries_;
  Id last_published_;
};

}  // namespace

std::string demo_email(Role role) {
  std::string local(to_string(role));
  std::replace(local.begin(), local.end(), '_', '-');
  return local + "@demo.tallinn.example";
}

Result<DemoSummary> load_demo(Context& context, unsigned seed) {
  return DemoLoader(context, seed).load();
}

}  // namespace tallinn::service
