// The SQLite Transaction: one pooled connection inside BEGIN (read) or
// BEGIN IMMEDIATE (write), forwarding each operation to its repository.
//
// Belongs to one thread at a time. After commit() every operation is
// kInternal (a programming error), as is a write in a read transaction.
// Destroying it without commit() rolls back. The connection goes back to
// the pool at commit() or destruction, whichever comes first, so a write
// transaction holds the write lock no longer than it must.
#pragma once

#include <memory>

#include "store/sqlite/connection_pool.h"
#include "store/store.h"

namespace tallinn::store::sqlite {

class SqliteTransaction final : public Transaction {
 public:
  // Takes a connection from `pool` (which must outlive the transaction) and
  // begins. kUnavailable when no connection can be had or the write lock
  // is not free within the busy timeout.
  static Result<std::unique_ptr<Transaction>> begin(ConnectionPool& pool, TransactionMode mode);
  ~SqliteTransaction() override;

  Status commit() override;

  Status insert_organisation(const Organisation& organisation) override;
  Result<Organisation> organisation(const Id& id) override;
  Result<Page<Organisation>> list_organisations(const PageRequest& page) override;
  Status update_organisation(const Organisation& organisation, int64_t expected_version) override;
  Result<int64_t> count_organisations() override;

  Status insert_user(const User& user, const std::string& password_hash) override;
  Result<User> user(const Id& id) override;
  Result<Credentials> credentials_by_email(const std::string& email) override;
  Result<Page<User>> list_users(const std::optional<Id>& org, const PageRequest& page) override;
  Status update_user(const User& user, int64_t expected_version) override;
  Status set_password_hash(const Id& user, const std::string& password_hash) override;

  Status insert_session(const Session& session) override;
  Result<Session> session(const std::string& token_hash) override;
  Status delete_session(const std::string& token_hash) override;
  Status delete_sessions_of(const Id& user) override;
  Status touch_session(const std::string& token_hash, int64_t last_seen_at) override;
  Result<SecondFactor> second_factor(const Id& user) override;
  Status set_second_factor(const Id& user, const SecondFactor& factor) override;
  Status replace_recovery_codes(const Id& user,
                                const std::vector<std::string>& code_hashes) override;
  Status use_recovery_code(const Id& user, const std::string& code_hash, int64_t used_at) override;
  Result<std::optional<std::string>> setting(const std::string& key) override;
  Status set_setting(const std::string& key, const std::string& value) override;

  Status insert_need(const Need& need) override;
  Result<Need> need(const Id& id) override;
  Status update_need(const Need& need, int64_t expected_version) override;
  Result<Page<Need>> list_needs(const ReadScope& scope, const NeedFilter& filter,
                                const PageRequest& page) override;
  Result<int64_t> count_needs(const ReadScope& scope, const NeedFilter& filter) override;

  Status insert_offer(const Offer& offer) override;
  Result<Offer> offer(const Id& id) override;
  Status update_offer(const Offer& offer, int64_t expected_version) override;
  Result<Page<Offer>> list_offers(const ReadScope& scope, const OfferFilter& filter,
                                  const PageRequest& page) override;
  Result<int64_t> count_offers(const ReadScope& scope, const OfferFilter& filter) override;

  Result<std::optional<AuditEntry>> last_audit_entry() override;
  Status append_audit(const AuditEntry& entry) override;
  Result<Page<AuditEntry>> list_audit(const PageRequest& page) override;
  Status scan_audit(const std::function<Status(const AuditEntry&)>& visit) override;

  // Matching runs, proposals, meetings, allocations, ledger.
  Status insert_matching_run(const MatchingRun& run) override;
  Result<MatchingRun> matching_run(const Id& id) override;
  Status insert_proposal(const Proposal& proposal) override;
  Status insert_allocation(const Allocation& allocation) override;
  Result<Allocation> allocation(const Id& id) override;
  Status update_allocation(const Allocation& allocation, int64_t expected_version) override;
  Result<std::vector<Allocation>> list_allocations(const AllocationFilter& filter) override;
  Status insert_meeting(const Meeting& meeting) override;
  Result<Meeting> meeting(const Id& id) override;
  Status update_meeting(const Meeting& meeting, int64_t expected_version) override;
  Status insert_decision(const AllocationDecision& decision) override;
  Result<AllocationDecision> decision(const Id& id) override;
  Result<std::vector<AllocationDecision>> decisions_of(const Id& allocation) override;
  Status insert_report(const DeliveryReport& report) override;
  Result<std::vector<DeliveryReport>> reports_of(const Id& allocation) override;
  Result<std::optional<Id>> idempotent_allocation(const Id& user, const std::string& key,
                                                  const std::string& action) override;
  Status insert_idempotency_key(const Id& user, const std::string& key, const std::string& action,
                                const Id& allocation, int64_t created_at) override;
  // Assessments, duplicates, notifications
  Status insert_assessment(const Assessment& assessment) override;
  Result<Assessment> assessment(const Id& id) override;
  Result<Page<Assessment>> list_assessments(const ReadScope& scope, const AssessmentFilter& filter,
                                            const PageRequest& page) override;
  Result<std::vector<TextMatch>> duplicate_candidates(const ReadScope& scope, const Need& subject,
                                                      int limit) override;
  Status replace_duplicate_matches(const Id& need,
                                   const std::vector<DuplicateMatch>& matches) override;
  Result<std::vector<DuplicateMatch>> duplicate_matches(const Id& need) override;
  Result<std::vector<Id>> active_users(const std::optional<Id>& org,
                                       const std::optional<Role>& role) override;
  Status insert_notification(const Notification& notification) override;
  Result<Notification> notification(const Id& id) override;
  Result<Page<Notification>> list_notifications(const Id& user, const PageRequest& page) override;
  Status mark_notification_read(const Id& id, int64_t read_at) override;

 private:
  SqliteTransaction(ConnectionPool& pool, TransactionMode mode,
                    std::unique_ptr<Connection> connection);
  // Gives the connection back, rolling back what was not committed.
  void release();
  // Runs `operation` on the connection while the transaction is open.
  template <typename Operation>
  auto read(Operation operation) -> decltype(operation(std::declval<Connection&>()));
  // As read(), and only in a write transaction.
  template <typename Operation>
  auto write(Operation operation) -> decltype(operation(std::declval<Connection&>()));

  ConnectionPool& pool_;
  const TransactionMode mode_;
  std::unique_ptr<Connection> connection_;  // null once released
};

}  // namespace tallinn::store::sqlite
