// The Store interface: every read and write of persistent state, behind one
// abstraction with a SQLite backend (store/sqlite/) and a PostgreSQL one
// (store/postgres/).
//
// Contract for every backend:
// - All work happens inside a Transaction. A write transaction holds the
//   database's write lock from begin() to commit()/destruction, so writers are
//   serialised: the audit chain never forks and budgets are never
//   double-spent. A Transaction destroyed without commit() rolls back.
// - A Transaction belongs to one thread at a time; a Store is thread-safe.
// - Lookups of a single record return kNotFound when it is absent. Updates
//   take the version the caller read and return kConflict when it is stale;
//   on success they store version + 1.
// - Lists filter by ReadScope *in the query* and page with an opaque keyset
//   cursor: newest first, ties broken by id. A page costs O(limit), never
//   O(table). A cursor that does not decode is kMalformed (field "cursor").
// - Backend failures are kUnavailable (cannot reach the database) or
//   kInternal; their details go to the log, never into the Status message.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/assessment.h"
#include "core/audit_record.h"
#include "core/coordination.h"
#include "core/domain.h"
#include "core/read_scope.h"
#include "core/status.h"

namespace tallinn::store {

struct PageRequest {
  int limit = 50;      // 1..200, checked by the caller
  std::string cursor;  // empty for the first page
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::string next;  // empty on the last page
};

struct NeedFilter {
  std::optional<NeedStatus> status;
  std::vector<NeedStatus> statuses;  // any one of these; empty for any status
  std::optional<Sector> sector;
  std::optional<Region> region;
  std::optional<Category> category;
  std::optional<Id> org;
  std::optional<Id> assessment;  // needs derived from this assessment
  std::string text;              // words that must all occur in title or description
};

struct AssessmentFilter {
  std::optional<Id> org;
};

// A need that may duplicate another, with how alike their texts are: the
// share (0..1) of the subject's distinct words that the candidate's title
// or description contains, looked up in the FTS5 index.
struct TextMatch {
  Need need;
  double text_similarity = 0;
};

// A candidate kept for a need, with its score.
struct DuplicateMatch {
  Id candidate;
  double score = 0;
};

struct OfferFilter {
  std::optional<OfferStatus> status;
  std::optional<Id> org;
  std::string text;
};

// Allocations whose parties include `party_org` (need owner, offer donor or
// assigned implementer); all when empty. Further fields narrow the list.
struct AllocationFilter {
  std::optional<Id> party_org;
  std::optional<Id> need;
  std::optional<Id> offer;
  std::optional<Id> proposal;
  std::optional<Id> run;
  // When set, a RED allocation only where this user is named on it
  // (access.users) or created it: policy::decide's narrowing of RED
  // allocations, applied in the query so that a page is never cut short by
  // rows its reader may not see.
  std::optional<Id> red_reader;
};

// The needs visible under a scope that share one key of a coverage
// breakdown and one status, with their allocations' money (EUR cents). An
// allocation's amount counts as approved when core's holds_money() (without
// proposed ones), committed when is_committed(), delivered when
// is_delivered(). `gap` sums max(0, amount - committed) need by need.
struct CoverageGroup {
  std::string key;  // the sector's or category's spelling, the region code, the priority in digits
  NeedStatus status = NeedStatus::kDraft;
  int64_t count = 0;
  Cents needed = 0;
  Cents approved = 0;
  Cents committed = 0;
  Cents delivered = 0;
  Cents gap = 0;
};

// A need with the sums of its allocations, counted as in CoverageGroup.
struct NeedMoney {
  Need need;
  Cents approved = 0;
  Cents committed = 0;
  Cents delivered = 0;
};

// An offer visible under a scope with the sums of its allocations' amounts
// in EUR cents, counted as in CoverageGroup: a donor portfolio's part.
struct OfferMoney {
  Id offer;
  Id org;
  Cents budget = 0;  // in `currency`
  std::string currency;
  Cents approved = 0;
  Cents committed = 0;
  Cents delivered = 0;
};

struct Credentials {
  User user;
  std::string password_hash;
};

class Transaction {
 public:
  virtual ~Transaction() = default;
  // Makes every change durable (SQLite: WAL with synchronous=FULL;
  // PostgreSQL: COMMIT as the server's synchronous_commit has it).
  virtual Status commit() = 0;

  virtual Status insert_organisation(const Organisation& organisation) = 0;
  virtual Result<Organisation> organisation(const Id& id) = 0;
  virtual Result<Page<Organisation>> list_organisations(const PageRequest& page) = 0;
  virtual Status update_organisation(const Organisation& organisation,
                                     int64_t expected_version) = 0;
  virtual Result<int64_t> count_organisations() = 0;

  // Emails are unique, compared case-insensitively: kConflict on a second one.
  virtual Status insert_user(const User& user, const std::string& password_hash) = 0;
  virtual Result<User> user(const Id& id) = 0;
  virtual Result<Credentials> credentials_by_email(const std::string& email) = 0;
  virtual Result<Page<User>> list_users(const std::optional<Id>& org, const PageRequest& page) = 0;
  virtual Status update_user(const User& user, int64_t expected_version) = 0;
  virtual Status set_password_hash(const Id& user, const std::string& password_hash) = 0;

  virtual Status insert_session(const Session& session) = 0;
  virtual Result<Session> session(const std::string& token_hash) = 0;
  virtual Status delete_session(const std::string& token_hash) = 0;
  virtual Status delete_sessions_of(const Id& user) = 0;
  // Records that the session served a request at `last_seen_at`; kNotFound
  // when the session is gone.
  virtual Status touch_session(const std::string& token_hash, int64_t last_seen_at) = 0;

  // The user's TOTP state (kNotFound for an unknown user) and its update.
  virtual Result<SecondFactor> second_factor(const Id& user) = 0;
  virtual Status set_second_factor(const Id& user, const SecondFactor& factor) = 0;
  // Replaces all of the user's recovery codes with these SHA-256 hashes.
  virtual Status replace_recovery_codes(const Id& user,
                                        const std::vector<std::string>& code_hashes) = 0;
  // Spends the unused code with this hash; kNotFound when there is none.
  virtual Status use_recovery_code(const Id& user, const std::string& code_hash,
                                   int64_t used_at) = 0;

  // Database settings (the domain stamp, TOTP enforcement); nullopt when
  // unset. Setting 'domain' is kInternal: only the migration stamps it.
  virtual Result<std::optional<std::string>> setting(const std::string& key) = 0;
  virtual Status set_setting(const std::string& key, const std::string& value) = 0;

  virtual Status insert_need(const Need& need) = 0;
  virtual Result<Need> need(const Id& id) = 0;
  virtual Status update_need(const Need& need, int64_t expected_version) = 0;
  virtual Result<Page<Need>> list_needs(const ReadScope& scope, const NeedFilter& filter,
                                        const PageRequest& page) = 0;
  virtual Result<int64_t> count_needs(const ReadScope& scope, const NeedFilter& filter) = 0;
  // As list_needs, but each need's access lists are left empty: for readers
  // that show none (the public summary), which thus cost no grants lookup
  // per need.
  virtual Result<Page<Need>> list_needs_without_access(const ReadScope& scope,
                                                       const NeedFilter& filter,
                                                       const PageRequest& page) = 0;
  // Every need visible under `scope` (filtered in the query, as lists are)
  // grouped by the key of `by` and by status, in one statement: its cost
  // grows with the visible needs but never makes a query per need. Groups
  // come in no particular order.
  virtual Result<std::vector<CoverageGroup>> coverage_groups(const ReadScope& scope,
                                                             CoverageBy by) = 0;
  // Every need visible under `scope` whose priority or national priority is
  // `priority`, with its allocations' sums, newest first (created_at, then
  // id, descending).
  virtual Result<std::vector<NeedMoney>> needs_of_priority(const ReadScope& scope,
                                                           int priority) = 0;

  virtual Status insert_offer(const Offer& offer) = 0;
  virtual Result<Offer> offer(const Id& id) = 0;
  virtual Status update_offer(const Offer& offer, int64_t expected_version) = 0;
  virtual Result<Page<Offer>> list_offers(const ReadScope& scope, const OfferFilter& filter,
                                          const PageRequest& page) = 0;
  virtual Result<int64_t> count_offers(const ReadScope& scope, const OfferFilter& filter) = 0;
  // Every offer visible under `scope` that meets `filter` with its
  // allocations' sums, in one statement grouped as coverage_groups is (never
  // a query per offer). Offers come in no particular order.
  virtual Result<std::vector<OfferMoney>> offer_money(const ReadScope& scope,
                                                      const OfferFilter& filter) = 0;

  // The audit trail is append-only through this interface.
  virtual Result<std::optional<AuditEntry>> last_audit_entry() = 0;
  virtual Status append_audit(const AuditEntry& entry) = 0;
  // Newest first, keyset-paged by sequence.
  virtual Result<Page<AuditEntry>> list_audit(const PageRequest& page) = 0;
  // The entries about one record, newest first, keyset-paged by sequence
  // like list_audit. Without `include_refused` only entries whose outcome is
  // "ok" come back (the history a record's ordinary reader sees).
  virtual Result<Page<AuditEntry>> list_audit_for_record(const std::string& record_type,
                                                         const Id& record_id, bool include_refused,
                                                         const PageRequest& page) = 0;
  // Every entry in sequence order; stops at the first non-OK visitor Status.
  virtual Status scan_audit(const std::function<Status(const AuditEntry&)>& visit) = 0;

  // Matching runs, proposals, meetings, allocations, ledger.
  // Runs, proposals, decisions and reports are append-only.
  virtual Status insert_matching_run(const MatchingRun& run) = 0;
  virtual Result<MatchingRun> matching_run(const Id& id) = 0;
  virtual Status insert_proposal(const Proposal& proposal) = 0;

  virtual Status insert_allocation(const Allocation& allocation) = 0;
  virtual Result<Allocation> allocation(const Id& id) = 0;
  virtual Status update_allocation(const Allocation& allocation, int64_t expected_version) = 0;
  // Newest first; every match (the caller applies policy::decide to each).
  virtual Result<std::vector<Allocation>> list_allocations(const AllocationFilter& filter) = 0;
  // The allocations that meet `filter`, newest first, keyset-paged like
  // every list (the caller still applies policy::decide to each).
  virtual Result<Page<Allocation>> page_allocations(const AllocationFilter& filter,
                                                    const PageRequest& page) = 0;

  virtual Status insert_meeting(const Meeting& meeting) = 0;
  virtual Result<Meeting> meeting(const Id& id) = 0;
  virtual Status update_meeting(const Meeting& meeting, int64_t expected_version) = 0;

  virtual Status insert_decision(const AllocationDecision& decision) = 0;
  virtual Result<AllocationDecision> decision(const Id& id) = 0;
  // Oldest first.
  virtual Result<std::vector<AllocationDecision>> decisions_of(const Id& allocation) = 0;

  virtual Status insert_report(const DeliveryReport& report) = 0;
  // Oldest first.
  virtual Result<std::vector<DeliveryReport>> reports_of(const Id& allocation) = 0;

  // Idempotency keys of allocation writes: the allocation a (user, key)
  // pair already applied `action` to, if any. A second insert of the same
  // (user, key) is kConflict.
  virtual Result<std::optional<Id>> idempotent_allocation(const Id& user, const std::string& key,
                                                          const std::string& action) = 0;
  virtual Status insert_idempotency_key(const Id& user, const std::string& key,
                                        const std::string& action, const Id& allocation,
                                        int64_t created_at) = 0;
  // Assessments, duplicates, notifications

  // Assessments are marked records listed like needs (ReadScope in SQL).
  virtual Status insert_assessment(const Assessment& assessment) = 0;
  virtual Result<Assessment> assessment(const Id& id) = 0;
  virtual Result<Page<Assessment>> list_assessments(const ReadScope& scope,
                                                    const AssessmentFilter& filter,
                                                    const PageRequest& page) = 0;

  // Up to `limit` needs visible under `scope` (filtered in the query) that
  // might duplicate `subject`: other needs of the same beneficiary or the
  // same region, in a state that is still open (not draft, withdrawn,
  // rejected or duplicate), newest first, each with its text similarity.
  virtual Result<std::vector<TextMatch>> duplicate_candidates(const ReadScope& scope,
                                                              const Need& subject, int limit) = 0;
  // The candidates kept for `need` at its submission, best first; replacing
  // them drops the old ones.
  virtual Status replace_duplicate_matches(const Id& need,
                                           const std::vector<DuplicateMatch>& matches) = 0;
  virtual Result<std::vector<DuplicateMatch>> duplicate_matches(const Id& need) = 0;

  // The ids of the users not disabled, of `org` and/or with `role` (at
  // least one of them is given).
  virtual Result<std::vector<Id>> active_users(const std::optional<Id>& org,
                                               const std::optional<Role>& role) = 0;
  virtual Status insert_notification(const Notification& notification) = 0;
  virtual Result<Notification> notification(const Id& id) = 0;
  // One user's notifications, newest first, keyset-paged like every list.
  virtual Result<Page<Notification>> list_notifications(const Id& user,
                                                        const PageRequest& page) = 0;
  // Sets read_at (kNotFound when absent); a second call keeps the first time.
  virtual Status mark_notification_read(const Id& id, int64_t read_at) = 0;
};

enum class TransactionMode { kRead, kWrite };

// What a backend counted since it opened, for the server's /metrics
// (docs/operations.md). A backend that does not count reports zeros.
struct StoreStats {
  int64_t read_transactions = 0;   // begun
  int64_t write_transactions = 0;  // begun
  int64_t commits = 0;
  int64_t rollbacks = 0;       // transactions ended without commit
  int64_t begin_failures = 0;  // begin() calls that failed (busy, unavailable)
  int64_t connections_open = 0;
  int64_t connections_idle = 0;
  double write_wait_seconds = 0;  // total time write transactions waited to begin
};

class Store {
 public:
  virtual ~Store() = default;
  // Caller owns the transaction; see the contract above.
  virtual Result<std::unique_ptr<Transaction>> begin(TransactionMode mode) = 0;
  // Applies the numbered migrations not yet applied; safe to run twice.
  virtual Status migrate() = 0;
  // OK when the database answers a trivial query.
  virtual Status ping() = 0;
  // Thread-safe; cheap enough to call at every /metrics scrape.
  virtual StoreStats stats() const { return {}; }

  // Failed sign-in attempts, kept in the database so that every node
  // serving it counts the same failures (service/rate_limiter.h). `key` is
  // opaque to the store. Each call is one statement of its own, outside any
  // Transaction and without the writers' lock: do not call them while this
  // thread holds a write Transaction (SQLite has one writer per process).
  //
  // Counts one failure of `key` at `at_ms`, to be kept until `expires_at_ms`.
  // Calls from any number of threads and processes at once each count: none
  // is lost.
  virtual Status record_failed_attempt(const std::string& key, int64_t at_ms,
                                       int64_t expires_at_ms) = 0;
  // The times of the newest failures of `key` later than `after_ms`, newest
  // first, at most `limit` of them (limit >= 1).
  virtual Result<std::vector<int64_t>> failed_attempts(const std::string& key, int64_t after_ms,
                                                       int limit) = 0;
  // Deletes the failures of every key that expired at or before `now_ms`;
  // how many it deleted.
  virtual Result<int64_t> forget_failed_attempts(int64_t now_ms) = 0;
};

// Opens the database named by `url`: "sqlite://PATH" (PATH may be relative;
// tests use a file in a fresh temporary folder), or "postgresql://..." (also
// "postgres://..."), a libpq connection URL. Other schemes are kInvalid
// naming "db"; an unreachable database is kUnavailable. Does not migrate.
Result<std::unique_ptr<Store>> open_store(const std::string& url);

// `url` with the password of its user-info part ("user:password@")
// replaced by "***": how a database URL may appear in logs and output.
std::string redacted_url(const std::string& url);

}  // namespace tallinn::store
