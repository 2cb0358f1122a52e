#include "store/sqlite/sqlite_transaction.h"

#include "store/sqlite/assessment_repository.h"
#include "store/sqlite/audit_repository.h"
#include "store/sqlite/coordination_repository.h"
#include "store/sqlite/duplicate_repository.h"
#include "store/sqlite/need_repository.h"
#include "store/sqlite/notification_repository.h"
#include "store/sqlite/offer_repository.h"
#include "store/sqlite/organisation_repository.h"
#include "store/sqlite/user_repository.h"

namespace tallinn::store::sqlite {
namespace {

// IMMEDIATE takes the write lock at once, so two writers never both read
// and then fail to upgrade; deferred readers see one snapshot under WAL.
constexpr char kBeginRead[] = "BEGIN";
constexpr char kBeginWrite[] = "BEGIN IMMEDIATE";
constexpr char kCommit[] = "COMMIT";
constexpr char kRollback[] = "ROLLBACK";

}  // namespace

SqliteTransaction::SqliteTransaction(ConnectionPool& pool, TransactionMode mode,
                                     std::unique_ptr<Connection> connection)
    : pool_(pool), mode_(mode), connection_(std::move(connection)) {}

Result<std::unique_ptr<Transaction>> SqliteTransaction::begin(ConnectionPool& pool,
                                                              TransactionMode mode) {
  bool writes = mode == TransactionMode::kWrite;
  TALLINN_ASSIGN_OR_RETURN(std::unique_ptr<Connection> connection,
                           writes ? pool.take_writer() : pool.take_reader());
  Status begun = connection->exec(writes ? kBeginWrite : kBeginRead);
  std::unique_ptr<SqliteTransaction> transaction(
      new SqliteTransaction(pool, mode, std::move(connection)));
  if (!begun.is_ok()) return begun;  // the destructor gives the connection back
  return std::unique_ptr<Transaction>(std::move(transaction));
}

SqliteTransaction::~SqliteTransaction() { release(); }

void SqliteTransaction::release() {
  if (connection_ == nullptr) return;
  if (connection_->in_transaction()) connection_->exec(kRollback);
  if (mode_ == TransactionMode::kWrite) {
    pool_.return_writer(std::move(connection_));
  } else {
    pool_.return_reader(std::move(connection_));
  }
}

Status SqliteTransaction::commit() {
  if (connection_ == nullptr) return internal_error();
  Status status = connection_->exec(kCommit);
  release();
  return status;
}

template <typename Operation>
auto SqliteTransaction::read(Operation operation)
    -> decltype(operation(std::declval<Connection&>())) {
  if (connection_ == nullptr) return internal_error();
  return operation(*connection_);
}

template <typename Operation>
auto SqliteTransaction::write(Operation operation)
    -> decltype(operation(std::declval<Connection&>())) {
  if (mode_ != TransactionMode::kWrite) return internal_error();
  return read(operation);
}

Status SqliteTransaction::insert_organisation(const Organisation& organisation) {
  return write([&](Connection& c) { return organisations::insert(c, organisation); });
}

Result<Organisation> SqliteTransaction::organisation(const Id& id) {
  return read([&](Connection& c) { return organisations::find(c, id); });
}

Result<Page<Organisation>> SqliteTransaction::list_organisations(const PageRequest& page) {
  return read([&](Connection& c) { return organisations::list(c, page); });
}

Status SqliteTransaction::update_organisation(const Organisation& organisation,
                                              int64_t expected_version) {
  return write(
      [&](Connection& c) { return organisations::update(c, organisation, expected_version); });
}

Result<int64_t> SqliteTransaction::count_organisations() {
  return read([&](Connection& c) { return organisations::count(c); });
}

Status SqliteTransaction::insert_user(const User& user, const std::string& password_hash) {
  return write([&](Connection& c) { return users::insert(c, user, password_hash); });
}

Result<User> SqliteTransaction::user(const Id& id) {
  return read([&](Connection& c) { return users::find(c, id); });
}

Result<Credentials> SqliteTransaction::credentials_by_email(const std::string& email) {
  return read([&](Connection& c) { return users::credentials_by_email(c, email); });
}

Result<Page<User>> SqliteTransaction::list_users(const std::optional<Id>& org,
                                                 const PageRequest& page) {
  return read([&](Connection& c) { return users::list(c, org, page); });
}

Status SqliteTransaction::update_user(const User& user, int64_t expected_version) {
  return write([&](Connection& c) { return users::update(c, user, expected_version); });
}

Status SqliteTransaction::set_password_hash(const Id& user, const std::string& password_hash) {
  return write([&](Connection& c) { return users::set_password_hash(c, user, password_hash); });
}

Status SqliteTransaction::insert_session(const Session& session) {
  return write([&](Connection& c) { return users::insert_session(c, session); });
}

Result<Session> SqliteTransaction::session(const std::string& token_hash) {
  return read([&](Connection& c) { return users::session(c, token_hash); });
}

Status SqliteTransaction::delete_session(const std::string& token_hash) {
  return write([&](Connection& c) { return users::delete_session(c, token_hash); });
}

Status SqliteTransaction::delete_sessions_of(const Id& user) {
  return write([&](Connection& c) { return users::delete_sessions_of(c, user); });
}

Status SqliteTransaction::touch_session(const std::string& token_hash, int64_t last_seen_at) {
  return write([&](Connection& c) { return users::touch_session(c, token_hash, last_seen_at); });
}

Result<SecondFactor> SqliteTransaction::second_factor(const Id& user) {
  return read([&](Connection& c) { return users::second_factor(c, user); });
}

Status SqliteTransaction::set_second_factor(const Id& user, const SecondFactor& factor) {
  return write([&](Connection& c) { return users::set_second_factor(c, user, factor); });
}

Status SqliteTransaction::replace_recovery_codes(const Id& user,
                                                 const std::vector<std::string>& code_hashes) {
  return write([&](Connection& c) { return users::replace_recovery_codes(c, user, code_hashes); });
}

Status SqliteTransaction::use_recovery_code(const Id& user, const std::string& code_hash,
                                            int64_t used_at) {
  return write([&](Connection& c) { return users::use_recovery_code(c, user, code_hash, used_at); });
}

Result<std::optional<std::string>> SqliteTransaction::setting(const std::string& key) {
  return read([&](Connection& c) { return users::setting(c, key); });
}

Status SqliteTransaction::set_setting(const std::string& key, const std::string& value) {
  return write([&](Connection& c) { return users::set_setting(c, key, value); });
}

Status SqliteTransaction::insert_need(const Need& need) {
  return write([&](Connection& c) { return needs::insert(c, need); });
}

Result<Need> SqliteTransaction::need(const Id& id) {
  return read([&](Connection& c) { return needs::find(c, id); });
}

Status SqliteTransaction::update_need(const Need& need, int64_t expected_version) {
  return write([&](Connection& c) { return needs::update(c, need, expected_version); });
}

Result<Page<Need>> SqliteTransaction::list_needs(const ReadScope& scope, const NeedFilter& filter,
                                                 const PageRequest& page) {
  return read([&](Connection& c) { return needs::list(c, scope, filter, page); });
}

Result<int64_t> SqliteTransaction::count_needs(const ReadScope& scope, const NeedFilter& filter) {
  return read([&](Connection& c) { return needs::count(c, scope, filter); });
}

Status SqliteTransaction::insert_offer(const Offer& offer) {
  return write([&](Connection& c) { return offers::insert(c, offer); });
}

Result<Offer> SqliteTransaction::offer(const Id& id) {
  return read([&](Connection& c) { return offers::find(c, id); });
}

Status SqliteTransaction::update_offer(const Offer& offer, int64_t expected_version) {
  return write([&](Connection& c) { return offers::update(c, offer, expected_version); });
}

Result<Page<Offer>> SqliteTransaction::list_offers(const ReadScope& scope,
                                                   const OfferFilter& filter,
                                                   const PageRequest& page) {
  return read([&](Connection& c) { return offers::list(c, scope, filter, page); });
}

Result<int64_t> SqliteTransaction::count_offers(const ReadScope& scope, const OfferFilter& filter) {
  return read([&](Connection& c) { return offers::count(c, scope, filter); });
}

Result<std::optional<AuditEntry>> SqliteTransaction::last_audit_entry() {
  return read([&](Connection& c) { return audit::last(c); });
}

Status SqliteTransaction::append_audit(const AuditEntry& entry) {
  return write([&](Connection& c) { return audit::append(c, entry); });
}

Result<Page<AuditEntry>> SqliteTransaction::list_audit(const PageRequest& page) {
  return read([&](Connection& c) { return audit::list(c, page); });
}

Status SqliteTransaction::scan_audit(const std::function<Status(const AuditEntry&)>& visit) {
  return read([&](Connection& c) { return audit::scan(c, visit); });
}

// Matching runs, proposals, meetings, allocations, ledger.

Status SqliteTransaction::insert_matching_run(const MatchingRun& run) {
  return write([&](Connection& c) { return coordination::insert_run(c, run); });
}

Result<MatchingRun> SqliteTransaction::matching_run(const Id& id) {
  return read([&](Connection& c) { return coordination::find_run(c, id); });
}

Status SqliteTransaction::insert_proposal(const Proposal& proposal) {
  return write([&](Connection& c) { return coordination::insert_proposal(c, proposal); });
}

Status SqliteTransaction::insert_allocation(const Allocation& allocation) {
  return write([&](Connection& c) { return coordination::insert_allocation(c, allocation); });
}

Result<Allocation> SqliteTransaction::allocation(const Id& id) {
  return read([&](Connection& c) { return coordination::find_allocation(c, id); });
}

Status SqliteTransaction::update_allocation(const Allocation& allocation,
                                            int64_t expected_version) {
  return write([&](Connection& c) {
    return coordination::update_allocation(c, allocation, expected_version);
  });
}

Result<std::vector<Allocation>> SqliteTransaction::list_allocations(
    const AllocationFilter& filter) {
  return read([&](Connection& c) { return coordination::list_allocations(c, filter); });
}

Status SqliteTransaction::insert_meeting(const Meeting& meeting) {
  return write([&](Connection& c) { return coordination::insert_meeting(c, meeting); });
}

Result<Meeting> SqliteTransaction::meeting(const Id& id) {
  return read([&](Connection& c) { return coordination::find_meeting(c, id); });
}

Status SqliteTransaction::update_meeting(const Meeting& meeting, int64_t expected_version) {
  return write(
      [&](Connection& c) { return coordination::update_meeting(c, meeting, expected_version); });
}

Status SqliteTransaction::insert_decision(const AllocationDecision& decision) {
  return write([&](Connection& c) { return coordination::insert_decision(c, decision); });
}

Result<AllocationDecision> SqliteTransaction::decision(const Id& id) {
  return read([&](Connection& c) { return coordination::find_decision(c, id); });
}

Result<std::vector<AllocationDecision>> SqliteTransaction::decisions_of(const Id& allocation) {
  return read([&](Connection& c) { return coordination::decisions_of(c, allocation); });
}

Status SqliteTransaction::insert_report(const DeliveryReport& report) {
  return write([&](Connection& c) { return coordination::insert_report(c, report); });
}

Result<std::vector<DeliveryReport>> SqliteTransaction::reports_of(const Id& allocation) {
  return read([&](Connection& c) { return coordination::reports_of(c, allocation); });
}

Result<std::optional<Id>> SqliteTransaction::idempotent_allocation(const Id& user,
                                                                   const std::string& key,
                                                                   const std::string& action) {
  return read(
      [&](Connection& c) { return coordination::idempotent_allocation(c, user, key, action); });
}

Status SqliteTransaction::insert_idempotency_key(const Id& user, const std::string& key,
                                                 const std::string& action, const Id& allocation,
                                                 int64_t created_at) {
  return write([&](Connection& c) {
    return coordination::insert_idempotency_key(c, user, key, action, allocation, created_at);
  });
}

// Assessments, duplicates, notifications

Status SqliteTransaction::insert_assessment(const Assessment& assessment) {
  return write([&](Connection& c) { return assessments::insert(c, assessment); });
}

Result<Assessment> SqliteTransaction::assessment(const Id& id) {
  return read([&](Connection& c) { return assessments::find(c, id); });
}

Result<Page<Assessment>> SqliteTransaction::list_assessments(const ReadScope& scope,
                                                             const AssessmentFilter& filter,
                                                             const PageRequest& page) {
  return read([&](Connection& c) { return assessments::list(c, scope, filter, page); });
}

Result<std::vector<TextMatch>> SqliteTransaction::duplicate_candidates(const ReadScope& scope,
                                                                       const Need& subject,
                                                                       int limit) {
  return read([&](Connection& c) { return duplicates::candidates(c, scope, subject, limit); });
}

Status SqliteTransaction::replace_duplicate_matches(const Id& need,
                                                    const std::vector<DuplicateMatch>& matches) {
  return write([&](Connection& c) { return duplicates::replace(c, need, matches); });
}

Result<std::vector<DuplicateMatch>> SqliteTransaction::duplicate_matches(const Id& need) {
  return read([&](Connection& c) { return duplicates::of(c, need); });
}

Result<std::vector<Id>> SqliteTransaction::active_users(const std::optional<Id>& org,
                                                        const std::optional<Role>& role) {
  return read([&](Connection& c) { return notifications::active_users(c, org, role); });
}

Status SqliteTransaction::insert_notification(const Notification& notification) {
  return write([&](Connection& c) { return notifications::insert(c, notification); });
}

Result<Notification> SqliteTransaction::notification(const Id& id) {
  return read([&](Connection& c) { return notifications::find(c, id); });
}

Result<Page<Notification>> SqliteTransaction::list_notifications(const Id& user,
                                                                 const PageRequest& page) {
  return read([&](Connection& c) { return notifications::list(c, user, page); });
}

Status SqliteTransaction::mark_notification_read(const Id& id, int64_t read_at) {
  return write([&](Connection& c) { return notifications::mark_read(c, id, read_at); });
}

}  // namespace tallinn::store::sqlite
