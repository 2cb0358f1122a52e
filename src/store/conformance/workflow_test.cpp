// The coordination workflow's and intake's records on every backend: round
// trips of every field, versions, list filters and orders, idempotency
// keys, scoped assessment lists, duplicate candidates with their text
// similarity, and notifications.
#include "store/conformance/store_test_support.h"

namespace tallinn::store::testing {
namespace {

// For the helpers that cannot ASSERT (they return a value).
#define EXPECT_OK(expr) EXPECT_TRUE((expr).is_ok())

constexpr int64_t kNow = 1'750'000'000'000;

class WorkflowTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto tx = write();
    for (const Organisation& org : {beneficiary_, donor_, implementer_}) {
      ASSERT_OK(tx->insert_organisation(org));
    }
    ASSERT_OK(tx->insert_user(user_, "hash"));
    ASSERT_OK(tx->commit());
  }

  Need need(int n, const Id& org, NeedStatus status, std::string title) {
    Need need = make_need(n, org, user_.id);
    need.status = status;
    need.duplicate_of.reset();
    need.tlp = Tlp::kGreen;
    need.title = std::move(title);
    need.description = "";
    return need;
  }

  // A run with every field set; its doubles have no short decimal form.
  MatchingRun make_run() const {
    return {test_id(1),
            user_.id,
            "1.2.3",
            2.5,
            "optimal",
            1234.5678901234567,
            0.1 + 0.2,
            "{\"needs\": []}",
            std::string(64, 'f'),
            "{}",
            kNow};
  }

  // A run, its proposal, one need and one offer, and `count` allocations
  // between them, each newer than the one before.
  std::vector<Allocation> add_allocations(Transaction& tx, int count) {
    MatchingRun run = make_run();
    EXPECT_OK(tx.insert_matching_run(run));
    EXPECT_OK(tx.insert_proposal({test_id(2), run.id, user_.id, kNow}));
    Need subject = need(1, beneficiary_.id, NeedStatus::kMatched, "Generators");
    EXPECT_OK(tx.insert_need(subject));
    Offer offer = make_offer(1, donor_.id, user_.id);
    offer.currency = "PLN";
    EXPECT_OK(tx.insert_offer(offer));
    std::vector<Allocation> allocations;
    for (int index = 0; index < count; ++index) {
      Allocation allocation;
      allocation.id = test_id(100 + index);
      allocation.proposal = test_id(2);
      allocation.run = run.id;
      allocation.need = subject.id;
      allocation.offer = offer.id;
      allocation.need_org = beneficiary_.id;
      allocation.offer_org = donor_.id;
      allocation.amount = 1'000 + index;
      allocation.currency = "PLN";
      allocation.rate_micros = 4'300'000;
      allocation.offer_amount = 4'300 + index;
      allocation.tlp = Tlp::kAmber;
      allocation.access.orgs = {donor_.id, implementer_.id};
      allocation.access.users = {user_.id};
      allocation.creator = user_.id;
      allocation.created_at = allocation.updated_at = kNow + index;
      EXPECT_OK(tx.insert_allocation(allocation));
      allocations.push_back(allocation);
    }
    return allocations;
  }

  Organisation beneficiary_ = make_organisation(1, Role::kBeneficiary);
  Organisation donor_ = make_organisation(2, Role::kDonor);
  Organisation implementer_ = make_organisation(3, Role::kImplementer);
  User user_ = make_user(2, beneficiary_.id);  // enabled
};

auto fields(const MatchingRun& r) {
  return std::tie(r.id, r.creator, r.engine_version, r.time_limit_seconds, r.status, r.objective,
                  r.bound, r.input_json, r.input_sha256, r.result_json, r.created_at);
}
auto fields(const Allocation& a) {
  return std::tie(a.id, a.proposal, a.run, a.need, a.offer, a.need_org, a.offer_org,
                  a.implementer_org, a.committing_org, a.amount, a.currency, a.rate_micros,
                  a.offer_amount, a.percent, a.status, a.tlp, a.access.orgs, a.access.users,
                  a.creator, a.version, a.created_at, a.updated_at);
}
auto fields(const Meeting& m) {
  return std::tie(m.id, m.title, m.agenda, m.minutes, m.attendance, m.status, m.creator, m.version,
                  m.created_at, m.updated_at);
}
auto fields(const AllocationDecision& d) {
  return std::tie(d.id, d.allocation, d.meeting, d.decision, d.reason, d.corrects, d.creator,
                  d.created_at);
}
auto fields(const Notification& n) {
  return std::tie(n.id, n.user, n.kind, n.record_type, n.record_id, n.created_at, n.read_at);
}

std::vector<Id> ids_of(const std::vector<Allocation>& allocations) {
  std::vector<Id> ids;
  for (const Allocation& allocation : allocations) ids.push_back(allocation.id);
  return ids;
}

TEST_P(WorkflowTest, RunsAndAllocationsRoundTripWithVersions) {
  auto tx = write();
  std::vector<Allocation> allocations = add_allocations(*tx, 3);
  ASSERT_FALSE(HasFailure());
  Result<MatchingRun> run = tx->matching_run(test_id(1));
  ASSERT_OK(run.status());
  MatchingRun expected = make_run();
  EXPECT_EQ(fields(*run), fields(expected));  // the very same doubles
  EXPECT_EQ(tx->matching_run(test_id(9)).status().code(), ErrorCode::kNotFound);

  Result<Allocation> stored = tx->allocation(allocations[1].id);
  ASSERT_OK(stored.status());
  EXPECT_EQ(fields(*stored), fields(allocations[1]));
  Allocation changed = *stored;
  changed.status = AllocationStatus::kCommitted;
  changed.committing_org = donor_.id;
  changed.implementer_org = implementer_.id;
  changed.percent = 40;
  changed.access.users.clear();
  changed.updated_at += 100;
  ASSERT_OK(tx->update_allocation(changed, changed.version));
  EXPECT_EQ(tx->update_allocation(changed, changed.version).code(), ErrorCode::kConflict);
  Allocation missing = changed;
  missing.id = test_id(999);
  EXPECT_EQ(tx->update_allocation(missing, 1).code(), ErrorCode::kNotFound);
  changed.version += 1;
  stored = tx->allocation(changed.id);
  ASSERT_OK(stored.status());
  EXPECT_EQ(fields(*stored), fields(changed));
  ASSERT_OK(tx->commit());
}

TEST_P(WorkflowTest, AllocationListsFilterByPartyAndKeyNewestFirst) {
  auto tx = write();
  std::vector<Allocation> allocations = add_allocations(*tx, 3);
  ASSERT_FALSE(HasFailure());
  Allocation assigned = allocations[0];
  assigned.implementer_org = implementer_.id;
  ASSERT_OK(tx->update_allocation(assigned, assigned.version));
  std::vector<Id> newest_first = {allocations[2].id, allocations[1].id, allocations[0].id};

  auto listed = [&](const AllocationFilter& filter) {
    Result<std::vector<Allocation>> list = tx->list_allocations(filter);
    EXPECT_TRUE(list.is_ok());
    return list.is_ok() ? ids_of(*list) : std::vector<Id>{};
  };
  EXPECT_EQ(listed({}), newest_first);
  EXPECT_EQ(listed({.party_org = beneficiary_.id}), newest_first);
  EXPECT_EQ(listed({.party_org = donor_.id}), newest_first);
  EXPECT_EQ(listed({.party_org = implementer_.id}), std::vector<Id>{allocations[0].id});
  EXPECT_EQ(listed({.party_org = test_id(77)}), std::vector<Id>{});
  EXPECT_EQ(listed({.need = allocations[0].need, .proposal = test_id(2)}), newest_first);
  EXPECT_EQ(listed({.offer = test_id(78)}), std::vector<Id>{});
  EXPECT_EQ(listed({.run = test_id(1)}), newest_first);
}

TEST_P(WorkflowTest, MeetingsDecisionsAndReportsKeepTheirOrder) {
  auto tx = write();
  std::vector<Allocation> allocations = add_allocations(*tx, 1);
  ASSERT_FALSE(HasFailure());
  Meeting meeting{test_id(20),          "Monthly", "1. Runs", "",   {donor_.id, beneficiary_.id},
                  MeetingStatus::kOpen, user_.id,  1,         kNow, kNow};
  ASSERT_OK(tx->insert_meeting(meeting));
  meeting.status = MeetingStatus::kClosed;
  meeting.minutes = "Approved.";
  ASSERT_OK(tx->update_meeting(meeting, 1));
  EXPECT_EQ(tx->update_meeting(meeting, 1).code(), ErrorCode::kConflict);
  meeting.version = 2;
  Result<Meeting> stored = tx->meeting(meeting.id);
  ASSERT_OK(stored.status());
  EXPECT_EQ(fields(*stored), fields(meeting));

  // Same time: the order they were written in. Ids run the other way.
  AllocationDecision first{test_id(32), allocations[0].id, meeting.id, DecisionKind::kDefer,
                           "Later",     std::nullopt,      user_.id,   kNow};
  AllocationDecision second{test_id(31), allocations[0].id, meeting.id, DecisionKind::kApprove,
                            "Fits",      test_id(32),       user_.id,   kNow};
  ASSERT_OK(tx->insert_decision(first));
  ASSERT_OK(tx->insert_decision(second));
  Result<std::vector<AllocationDecision>> decisions = tx->decisions_of(allocations[0].id);
  ASSERT_OK(decisions.status());
  ASSERT_EQ(decisions->size(), 2u);
  EXPECT_EQ(fields((*decisions)[0]), fields(first));
  EXPECT_EQ(fields((*decisions)[1]), fields(second));
  Result<AllocationDecision> found = tx->decision(second.id);
  ASSERT_OK(found.status());
  EXPECT_EQ(fields(*found), fields(second));

  DeliveryReport with{test_id(42), allocations[0].id,
                      30,          "Shipped",
                      "m1",        Attachment{"a.pdf", "application/pdf", "JVBERi0="},
                      user_.id,    kNow};
  DeliveryReport without{test_id(41), allocations[0].id, 60,       "Installed",
                         "",          std::nullopt,      user_.id, kNow};
  ASSERT_OK(tx->insert_report(with));
  ASSERT_OK(tx->insert_report(without));
  Result<std::vector<DeliveryReport>> reports = tx->reports_of(allocations[0].id);
  ASSERT_OK(reports.status());
  ASSERT_EQ(reports->size(), 2u);
  EXPECT_EQ((*reports)[0].id, with.id);
  ASSERT_TRUE((*reports)[0].attachment.has_value());
  EXPECT_EQ((*reports)[0].attachment->base64, "JVBERi0=");
  EXPECT_EQ((*reports)[0].attachment->content_type, "application/pdf");
  EXPECT_EQ((*reports)[1].id, without.id);
  EXPECT_FALSE((*reports)[1].attachment.has_value());
  EXPECT_EQ((*reports)[1].percent, 60);
}

TEST_P(WorkflowTest, AnIdempotencyKeyAppliesOnceAndToOneAction) {
  auto tx = write();
  std::vector<Allocation> allocations = add_allocations(*tx, 1);
  ASSERT_FALSE(HasFailure());
  Result<std::optional<Id>> before = tx->idempotent_allocation(user_.id, "k-1", "commit");
  ASSERT_OK(before.status());
  EXPECT_FALSE(before->has_value());
  ASSERT_OK(tx->insert_idempotency_key(user_.id, "k-1", "commit", allocations[0].id, kNow));
  EXPECT_EQ(tx->insert_idempotency_key(user_.id, "k-1", "commit", allocations[0].id, kNow).code(),
            ErrorCode::kConflict);
  Result<std::optional<Id>> after = tx->idempotent_allocation(user_.id, "k-1", "commit");
  ASSERT_OK(after.status());
  EXPECT_EQ(*after, std::optional<Id>(allocations[0].id));
  EXPECT_EQ(tx->idempotent_allocation(user_.id, "k-1", "decline").status().code(),
            ErrorCode::kConflict);
  // The transaction stays usable after the refused insert.
  ASSERT_OK(tx->commit());
}

TEST_P(WorkflowTest, AssessmentsRoundTripAndListUnderTheScope) {
  Assessment assessment;
  assessment.id = test_id(50);
  assessment.org = beneficiary_.id;
  assessment.title = "Kharkiv water utility";
  assessment.sector = Sector::kDrinkingWater;
  assessment.region = 21;
  assessment.criticality = 4;
  for (int index = 0; index < kMeasureCount; ++index) {
    assessment.measures[index] = {index % 6, "evidence " + std::to_string(index)};
  }
  assessment.tlp = Tlp::kAmber;
  assessment.access.orgs = {donor_.id};
  assessment.creator = user_.id;
  assessment.created_at = assessment.updated_at = kNow;
  Assessment hidden = assessment;
  hidden.id = test_id(51);
  hidden.tlp = Tlp::kAmberStrict;
  hidden.access.orgs.clear();
  hidden.created_at = kNow + 1;
  {
    auto tx = write();
    ASSERT_OK(tx->insert_assessment(assessment));
    ASSERT_OK(tx->insert_assessment(hidden));
    ASSERT_OK(tx->commit());
  }
  auto tx = read();
  Result<Assessment> stored = tx->assessment(assessment.id);
  ASSERT_OK(stored.status());
  EXPECT_EQ(stored->title, assessment.title);
  EXPECT_EQ(stored->region, assessment.region);
  EXPECT_EQ(stored->criticality, 4);
  EXPECT_EQ(stored->measures, assessment.measures);
  EXPECT_EQ(stored->access.orgs, assessment.access.orgs);
  EXPECT_EQ(tx->assessment(test_id(52)).status().code(), ErrorCode::kNotFound);

  ReadScope donor;
  donor.org = donor_.id;
  donor.user = test_id(5);
  donor.by_tlp[static_cast<int>(Tlp::kAmber)].granted_org = true;
  donor.by_tlp[static_cast<int>(Tlp::kAmberStrict)].owner_org = true;
  Result<Page<Assessment>> page = tx->list_assessments(donor, {}, {10, ""});
  ASSERT_OK(page.status());
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].id, assessment.id);
  EXPECT_EQ(page->items[0].measures, assessment.measures);
  Result<Page<Assessment>> all =
      tx->list_assessments(ReadScope::unrestricted(), {.org = beneficiary_.id}, {1, ""});
  ASSERT_OK(all.status());
  ASSERT_EQ(all->items.size(), 1u);
  EXPECT_EQ(all->items[0].id, hidden.id);  // newest first
  EXPECT_FALSE(all->next.empty());
}

TEST_P(WorkflowTest, DuplicateCandidatesAreOpenNeighboursWithTheirShareOfWords) {
  Organisation elsewhere = make_organisation(4, Role::kBeneficiary);
  Need subject = need(1, beneficiary_.id, NeedStatus::kSubmitted,
                      "Diesel generators for the Kharkiv hospital");
  subject.description = "Backup power; the HOSPITAL has none.";
  Need close = need(2, beneficiary_.id, NeedStatus::kPublished, "Hospital DIESEL generators");
  Need unrelated = need(3, elsewhere.id, NeedStatus::kValidated, "Firewall licences");
  unrelated.region = subject.region;  // same region, other beneficiary
  Need draft = need(4, beneficiary_.id, NeedStatus::kDraft, "Diesel generators");
  Need far = need(5, elsewhere.id, NeedStatus::kPublished, "Diesel generators");
  far.region = subject.region + 1;
  Need hidden = need(6, beneficiary_.id, NeedStatus::kPublished, "Diesel backup power");
  hidden.tlp = Tlp::kRed;
  {
    auto tx = write();
    ASSERT_OK(tx->insert_organisation(elsewhere));
    for (const Need& n : {subject, close, unrelated, draft, far, hidden}) {
      ASSERT_OK(tx->insert_need(n));
    }
    ASSERT_OK(tx->commit());
  }
  ReadScope green;
  green.org = donor_.id;
  green.user = test_id(5);
  green.by_tlp[static_cast<int>(Tlp::kGreen)].all = true;
  auto tx = read();
  Result<std::vector<TextMatch>> matches = tx->duplicate_candidates(green, subject, 10);
  ASSERT_OK(matches.status());
  ASSERT_EQ(matches->size(), 2u);
  // Newest first; the subject's words of 4 bytes or more: diesel,
  // generators, kharkiv, hospital, backup, power, none (7).
  EXPECT_EQ((*matches)[0].need.id, unrelated.id);
  EXPECT_DOUBLE_EQ((*matches)[0].text_similarity, 0.0);
  EXPECT_EQ((*matches)[1].need.id, close.id);
  EXPECT_DOUBLE_EQ((*matches)[1].text_similarity, 3.0 / 7.0);

  Result<std::vector<TextMatch>> all =
      tx->duplicate_candidates(ReadScope::unrestricted(), subject, 10);
  ASSERT_OK(all.status());
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].need.id, hidden.id);
  EXPECT_DOUBLE_EQ((*all)[0].text_similarity, 3.0 / 7.0);  // diesel, backup, power
  Result<std::vector<TextMatch>> one =
      tx->duplicate_candidates(ReadScope::unrestricted(), subject, 1);
  ASSERT_OK(one.status());
  EXPECT_EQ(one->size(), 1u);
}

TEST_P(WorkflowTest, KeptDuplicateMatchesAreReplacedWhole) {
  Need subject = need(1, beneficiary_.id, NeedStatus::kSubmitted, "Generators");
  Need a = need(2, beneficiary_.id, NeedStatus::kPublished, "A");
  Need b = need(3, beneficiary_.id, NeedStatus::kPublished, "B");
  auto tx = write();
  for (const Need& n : {subject, a, b}) ASSERT_OK(tx->insert_need(n));
  ASSERT_OK(tx->replace_duplicate_matches(subject.id, {{a.id, 0.25}, {b.id, 0.875}}));
  Result<std::vector<DuplicateMatch>> kept = tx->duplicate_matches(subject.id);
  ASSERT_OK(kept.status());
  ASSERT_EQ(kept->size(), 2u);
  EXPECT_EQ((*kept)[0].candidate, b.id);
  EXPECT_DOUBLE_EQ((*kept)[0].score, 0.875);
  EXPECT_DOUBLE_EQ((*kept)[1].score, 0.25);
  ASSERT_OK(tx->replace_duplicate_matches(subject.id, {{a.id, 0.5}}));
  kept = tx->duplicate_matches(subject.id);
  ASSERT_OK(kept.status());
  ASSERT_EQ(kept->size(), 1u);
  EXPECT_EQ((*kept)[0].candidate, a.id);
  ASSERT_OK(tx->replace_duplicate_matches(subject.id, {}));
  kept = tx->duplicate_matches(subject.id);
  ASSERT_OK(kept.status());
  EXPECT_TRUE(kept->empty());
}

TEST_P(WorkflowTest, NotificationsPageNewestFirstAndAreReadOnce) {
  User disabled = make_user(3, beneficiary_.id);  // odd: disabled
  User other = make_user(4, donor_.id);
  other.role = Role::kDonor;
  auto tx = write();
  ASSERT_OK(tx->insert_user(disabled, "h"));
  ASSERT_OK(tx->insert_user(other, "h"));
  Result<std::vector<Id>> users = tx->active_users(beneficiary_.id, std::nullopt);
  ASSERT_OK(users.status());
  EXPECT_EQ(*users, std::vector<Id>{user_.id});
  users = tx->active_users(std::nullopt, Role::kDonor);
  ASSERT_OK(users.status());
  EXPECT_EQ(*users, (std::vector<Id>{user_.id, other.id}));
  users = tx->active_users(donor_.id, Role::kBackOffice);
  ASSERT_OK(users.status());
  EXPECT_TRUE(users->empty());

  std::vector<Notification> sent;
  for (int index = 0; index < 3; ++index) {
    Notification notification{test_id(60 + index), user_.id,     "need.submitted", "need",
                              test_id(3'000'001),  kNow + index, std::nullopt};
    ASSERT_OK(tx->insert_notification(notification));
    sent.push_back(notification);
  }
  ASSERT_OK(tx->insert_notification({test_id(70), other.id, "need.released", "need",
                                     test_id(3'000'001), kNow + 9, std::nullopt}));
  Result<Page<Notification>> page = tx->list_notifications(user_.id, {2, ""});
  ASSERT_OK(page.status());
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(fields(page->items[0]), fields(sent[2]));
  EXPECT_EQ(page->items[1].id, sent[1].id);
  ASSERT_FALSE(page->next.empty());
  page = tx->list_notifications(user_.id, {2, page->next});
  ASSERT_OK(page.status());
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].id, sent[0].id);
  EXPECT_TRUE(page->next.empty());

  ASSERT_OK(tx->mark_notification_read(sent[0].id, kNow + 50));
  ASSERT_OK(tx->mark_notification_read(sent[0].id, kNow + 60));
  Result<Notification> read_one = tx->notification(sent[0].id);
  ASSERT_OK(read_one.status());
  EXPECT_EQ(read_one->read_at, std::optional<int64_t>(kNow + 50));
  EXPECT_EQ(tx->mark_notification_read(test_id(99), kNow).code(), ErrorCode::kNotFound);
  EXPECT_EQ(tx->notification(test_id(99)).status().code(), ErrorCode::kNotFound);
}

INSTANTIATE_TEST_SUITE_P(Backends, WorkflowTest, kAllBackends, backend_name);

}  // namespace
}  // namespace tallinn::store::testing
