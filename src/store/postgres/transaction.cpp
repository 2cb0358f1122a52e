#include "store/postgres/transaction.h"

#include "store/postgres/repositories.h"

namespace tallinn::store::postgres {
namespace {

constexpr char kBeginRead[] = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
constexpr char kCommit[] = "COMMIT";
constexpr char kRollback[] = "ROLLBACK";
constexpr char kSavepoint[] = "SAVEPOINT operation";
constexpr char kReleaseSavepoint[] = "RELEASE SAVEPOINT operation";
constexpr char kRollbackToSavepoint[] = "ROLLBACK TO SAVEPOINT operation";

}  // namespace

PgTransaction::PgTransaction(ConnectionPool& pool, TransactionMode mode,
                             std::unique_ptr<Connection> connection)
    : pool_(pool), mode_(mode), connection_(std::move(connection)) {}

Result<std::unique_ptr<Transaction>> PgTransaction::begin(ConnectionPool& pool,
                                                          TransactionMode mode) {
  bool writes = mode == TransactionMode::kWrite;
  while (true) {
    TALLINN_ASSIGN_OR_RETURN(Lease lease, pool.take());
    Status begun = lease.connection->exec_script(writes ? kBeginWrite : kBeginRead);
    bool stale = !begun.is_ok() && lease.reused && lease.connection->broken();
    std::unique_ptr<PgTransaction> transaction(
        new PgTransaction(pool, mode, std::move(lease.connection)));
    if (begun.is_ok()) return std::unique_ptr<Transaction>(std::move(transaction));
    // An idle connection that lost its server (a restart, an outage) is
    // dropped by the destructor; the next one may be alive or new.
    if (!stale) return begun;
  }
}

PgTransaction::~PgTransaction() { release(); }

void PgTransaction::release() {
  if (connection_ == nullptr) return;
  if (connection_->in_transaction() && !connection_->broken()) connection_->exec_script(kRollback);
  pool_.give_back(std::move(connection_));
}

Status PgTransaction::commit() {
  if (connection_ == nullptr) return internal_error();
  // COMMIT of a transaction that a failed statement aborted rolls it back
  // and still answers OK; that must not look like success.
  Status status =
      connection_->in_failed_transaction() ? internal_error() : connection_->exec_script(kCommit);
  release();
  return status;
}

template <typename Operation>
auto PgTransaction::read(Operation operation) -> decltype(operation(std::declval<Connection&>())) {
  if (connection_ == nullptr) return internal_error();
  return operation(*connection_);
}

template <typename Operation>
Status PgTransaction::write(Operation operation) {
  if (mode_ != TransactionMode::kWrite || connection_ == nullptr) return internal_error();
  TALLINN_RETURN_IF_ERROR(connection_->exec_script(kSavepoint));
  Status status = operation(*connection_);
  Status ended =
      connection_->exec_script(status.is_ok() ? kReleaseSavepoint : kRollbackToSavepoint);
  return status.is_ok() ? ended : status;
}

Status PgTransaction::insert_organisation(const Organisation& organisation) {
  return write([&](Connection& c) { return organisations::insert(c, organisation); });
}

Result<Organisation> PgTransaction::organisation(const Id& id) {
  return read([&](Connection& c) { return organisations::find(c, id); });
}

Result<Page<Organisation>> PgTransaction::list_organisations(const PageRequest& page) {
  return read([&](Connection& c) { return organisations::list(c, page); });
}

Status PgTransaction::update_organisation(const Organisation& organisation,
                                          int64_t expected_version) {
  return write(
      [&](Connection& c) { return organisations::update(c, organisation, expected_version); });
}

Result<int64_t> PgTransaction::count_organisations() {
  return read([&](Connection& c) { return organisations::count(c); });
}

Status PgTransaction::insert_user(const User& user, const std::string& password_hash) {
  return write([&](Connection& c) { return users::insert(c, user, password_hash); });
}

Result<User> PgTransaction::user(const Id& id) {
  return read([&](Connection& c) { return users::find(c, id); });
}

Result<Credentials> PgTransaction::credentials_by_email(const std::string& email) {
  return read([&](Connection& c) { return users::credentials_by_email(c, email); });
}

Result<Page<User>> PgTransaction::list_users(const std::optional<Id>& org,
                                             const PageRequest& page) {
  return read([&](Connection& c) { return users::list(c, org, page); });
}

Status PgTransaction::update_user(const User& user, int64_t expected_version) {
  return write([&](Connection& c) { return users::update(c, user, expected_version); });
}

Status PgTransaction::set_password_hash(const Id& user, const std::string& password_hash) {
  return write([&](Connection& c) { return users::set_password_hash(c, user, password_hash); });
}

Status PgTransaction::insert_session(const Session& session) {
  return write([&](Connection& c) { return users::insert_session(c, session); });
}

Result<Session> PgTransaction::session(const std::string& token_hash) {
  return read([&](Connection& c) { return users::session(c, token_hash); });
}

Status PgTransaction::delete_session(const std::string& token_hash) {
  return write([&](Connection& c) { return users::delete_session(c, token_hash); });
}

Status PgTransaction::delete_sessions_of(const Id& user) {
  return write([&](Connection& c) { return users::delete_sessions_of(c, user); });
}

Status PgTransaction::insert_need(const Need& need) {
  return write([&](Connection& c) { return needs::insert(c, need); });
}

Result<Need> PgTransaction::need(const Id& id) {
  return read([&](Connection& c) { return needs::find(c, id); });
}

Status PgTransaction::update_need(const Need& need, int64_t expected_version) {
  return write([&](Connection& c) { return needs::update(c, need, expected_version); });
}

Result<Page<Need>> PgTransaction::list_needs(const ReadScope& scope, const NeedFilter& filter,
                                             const PageRequest& page) {
  return read([&](Connection& c) { return needs::list(c, scope, filter, page); });
}

Result<int64_t> PgTransaction::count_needs(const ReadScope& scope, const NeedFilter& filter) {
  return read([&](Connection& c) { return needs::count(c, scope, filter); });
}

Status PgTransaction::insert_offer(const Offer& offer) {
  return write([&](Connection& c) { return offers::insert(c, offer); });
}

Result<Offer> PgTransaction::offer(const Id& id) {
  return read([&](Connection& c) { return offers::find(c, id); });
}

Status PgTransaction::update_offer(const Offer& offer, int64_t expected_version) {
  return write([&](Connection& c) { return offers::update(c, offer, expected_version); });
}

Result<Page<Offer>> PgTransaction::list_offers(const ReadScope& scope, const OfferFilter& filter,
                                               const PageRequest& page) {
  return read([&](Connection& c) { return offers::list(c, scope, filter, page); });
}

Result<int64_t> PgTransaction::count_offers(const ReadScope& scope, const OfferFilter& filter) {
  return read([&](Connection& c) { return offers::count(c, scope, filter); });
}

Result<std::optional<AuditEntry>> PgTransaction::last_audit_entry() {
  return read([&](Connection& c) { return audit::last(c); });
}

Status PgTransaction::append_audit(const AuditEntry& entry) {
  return write([&](Connection& c) { return audit::append(c, entry); });
}

Result<Page<AuditEntry>> PgTransaction::list_audit(const PageRequest& page) {
  return read([&](Connection& c) { return audit::list(c, page); });
}

Status PgTransaction::scan_audit(const std::function<Status(const AuditEntry&)>& visit) {
  return read([&](Connection& c) { return audit::scan(c, visit); });
}

}  // namespace tallinn::store::postgres
