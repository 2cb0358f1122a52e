// A Transaction whose operations each run one repository function on the
// backend's open connection: the forwarding both backends share.
//
// `Repositories` names the backend's connection type (`Connection`) and, for
// every operation of Transaction, a static member of the same name pointing
// at the repository function that does it, e.g.
//   static constexpr auto insert_organisation = &organisations::insert;
// The backend's transaction derives from RepositoryTransaction and supplies
// the open connection, whether it may write, and how one write runs (SQLite
// as it is, PostgreSQL inside a savepoint). Every operation after the
// transaction ended, and every write in a read transaction, is kInternal.
#pragma once

#include <functional>
#include <utility>

#include "store/store.h"

namespace tallinn::store {

template <typename Repositories>
class RepositoryTransaction : public Transaction {
 public:
  using Connection = typename Repositories::Connection;

  Status insert_organisation(const Organisation& organisation) override {
    return write([&](Connection& c) { return Repositories::insert_organisation(c, organisation); });
  }

  Result<Organisation> organisation(const Id& id) override {
    return read([&](Connection& c) { return Repositories::organisation(c, id); });
  }

  Result<Page<Organisation>> list_organisations(const PageRequest& page) override {
    return read([&](Connection& c) { return Repositories::list_organisations(c, page); });
  }

  Status update_organisation(const Organisation& organisation, int64_t expected_version) override {
    return write([&](Connection& c) {
      return Repositories::update_organisation(c, organisation, expected_version);
    });
  }

  Result<int64_t> count_organisations() override {
    return read([&](Connection& c) { return Repositories::count_organisations(c); });
  }

  Status insert_user(const User& user, const std::string& password_hash) override {
    return write([&](Connection& c) { return Repositories::insert_user(c, user, password_hash); });
  }

  Result<User> user(const Id& id) override {
    return read([&](Connection& c) { return Repositories::user(c, id); });
  }

  Result<Credentials> credentials_by_email(const std::string& email) override {
    return read([&](Connection& c) { return Repositories::credentials_by_email(c, email); });
  }

  Result<Page<User>> list_users(const std::optional<Id>& org, const PageRequest& page) override {
    return read([&](Connection& c) { return Repositories::list_users(c, org, page); });
  }

  Status update_user(const User& user, int64_t expected_version) override {
    return write(
        [&](Connection& c) { return Repositories::update_user(c, user, expected_version); });
  }

  Status set_password_hash(const Id& user, const std::string& password_hash) override {
    return write(
        [&](Connection& c) { return Repositories::set_password_hash(c, user, password_hash); });
  }

  Status insert_session(const Session& session) override {
    return write([&](Connection& c) { return Repositories::insert_session(c, session); });
  }

  Result<Session> session(const std::string& token_hash) override {
    return read([&](Connection& c) { return Repositories::session(c, token_hash); });
  }

  Status delete_session(const std::string& token_hash) override {
    return write([&](Connection& c) { return Repositories::delete_session(c, token_hash); });
  }

  Status delete_sessions_of(const Id& user) override {
    return write([&](Connection& c) { return Repositories::delete_sessions_of(c, user); });
  }

  Status touch_session(const std::string& token_hash, int64_t last_seen_at) override {
    return write(
        [&](Connection& c) { return Repositories::touch_session(c, token_hash, last_seen_at); });
  }

  Result<SecondFactor> second_factor(const Id& user) override {
    return read([&](Connection& c) { return Repositories::second_factor(c, user); });
  }

  Status set_second_factor(const Id& user, const SecondFactor& factor) override {
    return write([&](Connection& c) { return Repositories::set_second_factor(c, user, factor); });
  }

  Status replace_recovery_codes(const Id& user,
                                const std::vector<std::string>& code_hashes) override {
    return write(
        [&](Connection& c) { return Repositories::replace_recovery_codes(c, user, code_hashes); });
  }

  Status use_recovery_code(const Id& user, const std::string& code_hash, int64_t used_at) override {
    return write([&](Connection& c) {
      return Repositories::use_recovery_code(c, user, code_hash, used_at);
    });
  }

  Result<std::optional<std::string>> setting(const std::string& key) override {
    return read([&](Connection& c) { return Repositories::setting(c, key); });
  }

  Status set_setting(const std::string& key, const std::string& value) override {
    return write([&](Connection& c) { return Repositories::set_setting(c, key, value); });
  }

  Status insert_need(const Need& need) override {
    return write([&](Connection& c) { return Repositories::insert_need(c, need); });
  }

  Result<Need> need(const Id& id) override {
    return read([&](Connection& c) { return Repositories::need(c, id); });
  }

  Status update_need(const Need& need, int64_t expected_version) override {
    return write(
        [&](Connection& c) { return Repositories::update_need(c, need, expected_version); });
  }

  Result<Page<Need>> list_needs(const ReadScope& scope, const NeedFilter& filter,
                                const PageRequest& page) override {
    return read([&](Connection& c) { return Repositories::list_needs(c, scope, filter, page); });
  }

  Result<Page<Need>> list_needs_without_access(const ReadScope& scope, const NeedFilter& filter,
                                               const PageRequest& page) override {
    return read([&](Connection& c) {
      return Repositories::list_needs_without_access(c, scope, filter, page);
    });
  }

  Result<int64_t> count_needs(const ReadScope& scope, const NeedFilter& filter) override {
    return read([&](Connection& c) { return Repositories::count_needs(c, scope, filter); });
  }

  Result<std::vector<CoverageGroup>> coverage_groups(const ReadScope& scope,
                                                     CoverageBy by) override {
    return read([&](Connection& c) { return Repositories::coverage_groups(c, scope, by); });
  }

  Result<std::vector<OfferMoney>> offer_money(const ReadScope& scope,
                                              const OfferFilter& filter) override {
    return read([&](Connection& c) { return Repositories::offer_money(c, scope, filter); });
  }

  Result<std::vector<NeedMoney>> needs_of_priority(const ReadScope& scope, int priority) override {
    return read([&](Connection& c) { return Repositories::needs_of_priority(c, scope, priority); });
  }

  Status insert_offer(const Offer& offer) override {
    return write([&](Connection& c) { return Repositories::insert_offer(c, offer); });
  }

  Result<Offer> offer(const Id& id) override {
    return read([&](Connection& c) { return Repositories::offer(c, id); });
  }

  Status update_offer(const Offer& offer, int64_t expected_version) override {
    return write(
        [&](Connection& c) { return Repositories::update_offer(c, offer, expected_version); });
  }

  Result<Page<Offer>> list_offers(const ReadScope& scope, const OfferFilter& filter,
                                  const PageRequest& page) override {
    return read([&](Connection& c) { return Repositories::list_offers(c, scope, filter, page); });
  }

  Result<int64_t> count_offers(const ReadScope& scope, const OfferFilter& filter) override {
    return read([&](Connection& c) { return Repositories::count_offers(c, scope, filter); });
  }

  Result<std::optional<AuditEntry>> last_audit_entry() override {
    return read([&](Connection& c) { return Repositories::last_audit_entry(c); });
  }

  Status append_audit(const AuditEntry& entry) override {
    return write([&](Connection& c) { return Repositories::append_audit(c, entry); });
  }

  Result<Page<AuditEntry>> list_audit(const PageRequest& page) override {
    return read([&](Connection& c) { return Repositories::list_audit(c, page); });
  }

  Result<Page<AuditEntry>> list_audit_for_record(const std::string& record_type,
                                                 const Id& record_id, bool include_refused,
                                                 const PageRequest& page) override {
    return read([&](Connection& c) {
      return Repositories::list_audit_for_record(c, record_type, record_id, include_refused, page);
    });
  }

  Status scan_audit(const std::function<Status(const AuditEntry&)>& visit) override {
    return read([&](Connection& c) { return Repositories::scan_audit(c, visit); });
  }

  // Matching runs, proposals, meetings, allocations, ledger.

  Status insert_matching_run(const MatchingRun& run) override {
    return write([&](Connection& c) { return Repositories::insert_matching_run(c, run); });
  }

  Result<MatchingRun> matching_run(const Id& id) override {
    return read([&](Connection& c) { return Repositories::matching_run(c, id); });
  }

  Status insert_proposal(const Proposal& proposal) override {
    return write([&](Connection& c) { return Repositories::insert_proposal(c, proposal); });
  }

  Status insert_allocation(const Allocation& allocation) override {
    return write([&](Connection& c) { return Repositories::insert_allocation(c, allocation); });
  }

  Result<Allocation> allocation(const Id& id) override {
    return read([&](Connection& c) { return Repositories::allocation(c, id); });
  }

  Status update_allocation(const Allocation& allocation, int64_t expected_version) override {
    return write([&](Connection& c) {
      return Repositories::update_allocation(c, allocation, expected_version);
    });
  }

  Result<std::vector<Allocation>> list_allocations(const AllocationFilter& filter) override {
    return read([&](Connection& c) { return Repositories::list_allocations(c, filter); });
  }

  Result<Page<Allocation>> page_allocations(const AllocationFilter& filter,
                                            const PageRequest& page) override {
    return read([&](Connection& c) { return Repositories::page_allocations(c, filter, page); });
  }

  Status insert_meeting(const Meeting& meeting) override {
    return write([&](Connection& c) { return Repositories::insert_meeting(c, meeting); });
  }

  Result<Meeting> meeting(const Id& id) override {
    return read([&](Connection& c) { return Repositories::meeting(c, id); });
  }

  Status update_meeting(const Meeting& meeting, int64_t expected_version) override {
    return write(
        [&](Connection& c) { return Repositories::update_meeting(c, meeting, expected_version); });
  }

  Status insert_decision(const AllocationDecision& decision) override {
    return write([&](Connection& c) { return Repositories::insert_decision(c, decision); });
  }

  Result<AllocationDecision> decision(const Id& id) override {
    return read([&](Connection& c) { return Repositories::decision(c, id); });
  }

  Result<std::vector<AllocationDecision>> decisions_of(const Id& allocation) override {
    return read([&](Connection& c) { return Repositories::decisions_of(c, allocation); });
  }

  Status insert_report(const DeliveryReport& report) override {
    return write([&](Connection& c) { return Repositories::insert_report(c, report); });
  }

  Result<std::vector<DeliveryReport>> reports_of(const Id& allocation) override {
    return read([&](Connection& c) { return Repositories::reports_of(c, allocation); });
  }

  Result<std::optional<Id>> idempotent_allocation(const Id& user, const std::string& key,
                                                  const std::string& action) override {
    return read(
        [&](Connection& c) { return Repositories::idempotent_allocation(c, user, key, action); });
  }

  Status insert_idempotency_key(const Id& user, const std::string& key, const std::string& action,
                                const Id& allocation, int64_t created_at) override {
    return write([&](Connection& c) {
      return Repositories::insert_idempotency_key(c, user, key, action, allocation, created_at);
    });
  }

  // Assessments, duplicates, notifications.

  Status insert_assessment(const Assessment& assessment) override {
    return write([&](Connection& c) { return Repositories::insert_assessment(c, assessment); });
  }

  Result<Assessment> assessment(const Id& id) override {
    return read([&](Connection& c) { return Repositories::assessment(c, id); });
  }

  Result<Page<Assessment>> list_assessments(const ReadScope& scope, const AssessmentFilter& filter,
                                            const PageRequest& page) override {
    return read(
        [&](Connection& c) { return Repositories::list_assessments(c, scope, filter, page); });
  }

  Result<std::vector<TextMatch>> duplicate_candidates(const ReadScope& scope, const Need& subject,
                                                      int limit) override {
    return read([&](Connection& c) {
      return Repositories::duplicate_candidates(c, scope, subject, limit);
    });
  }

  Status replace_duplicate_matches(const Id& need,
                                   const std::vector<DuplicateMatch>& matches) override {
    return write(
        [&](Connection& c) { return Repositories::replace_duplicate_matches(c, need, matches); });
  }

  Result<std::vector<DuplicateMatch>> duplicate_matches(const Id& need) override {
    return read([&](Connection& c) { return Repositories::duplicate_matches(c, need); });
  }

  Result<std::vector<Id>> active_users(const std::optional<Id>& org,
                                       const std::optional<Role>& role) override {
    return read([&](Connection& c) { return Repositories::active_users(c, org, role); });
  }

  Status insert_notification(const Notification& notification) override {
    return write([&](Connection& c) { return Repositories::insert_notification(c, notification); });
  }

  Result<Notification> notification(const Id& id) override {
    return read([&](Connection& c) { return Repositories::notification(c, id); });
  }

  Result<Page<Notification>> list_notifications(const Id& user, const PageRequest& page) override {
    return read([&](Connection& c) { return Repositories::list_notifications(c, user, page); });
  }

  Status mark_notification_read(const Id& id, int64_t read_at) override {
    return write(
        [&](Connection& c) { return Repositories::mark_notification_read(c, id, read_at); });
  }

 protected:
  // The connection of the open transaction; null once it has ended.
  virtual Connection* open_connection() = 0;
  // True for a write transaction.
  virtual bool writes() const = 0;
  // Runs one write operation on `connection`.
  virtual Status run_write(Connection& connection,
                           const std::function<Status(Connection&)>& operation) {
    return operation(connection);
  }

 private:
  template <typename Operation>
  auto read(Operation operation) -> decltype(operation(std::declval<Connection&>())) {
    Connection* connection = open_connection();
    if (connection == nullptr) return internal_error();
    return operation(*connection);
  }

  template <typename Operation>
  Status write(Operation operation) {
    Connection* connection = open_connection();
    if (!writes() || connection == nullptr) return internal_error();
    return run_write(*connection, operation);
  }
};

}  // namespace tallinn::store
