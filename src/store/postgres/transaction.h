// The PostgreSQL Transaction: one pooled connection inside a transaction,
// forwarding each operation to its repository (repositories.h).
//
// Write transactions are serialised across every process that uses the
// database: each takes one transaction-level advisory lock first, held until
// COMMIT or ROLLBACK, so the audit chain never forks and budgets are never
// double-spent; READ COMMITTED then sees every earlier write. Read
// transactions take no lock and read one snapshot (REPEATABLE READ, READ
// ONLY).
//
// Each write operation runs inside a savepoint, so one that fails (a unique
// email, a missing organisation) leaves the transaction usable, as a failed
// statement does in SQLite. Belongs to one thread at a time. After commit()
// every operation is kInternal (a programming error), as is a write in a
// read transaction. Destroying it without commit() rolls back. The
// connection goes back to the pool at commit() or destruction, whichever
// comes first.
#pragma once

#include <memory>

#include "store/postgres/connection_pool.h"
#include "store/store.h"

namespace tallinn::store::postgres {

// The key of the advisory lock of writers and migrations: "tallinn" in ASCII.
inline constexpr char kBeginWrite[] =
    "BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock(32770348699520622)";

class PgTransaction final : public Transaction {
 public:
  // Takes a connection from `pool` (which must outlive the transaction) and
  // begins. kUnavailable when no connection can be had or the write lock
  // is not free within the lock timeout.
  static Result<std::unique_ptr<Transaction>> begin(ConnectionPool& pool, TransactionMode mode);
  ~PgTransaction() override;

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

 private:
  PgTransaction(ConnectionPool& pool, TransactionMode mode, std::unique_ptr<Connection> connection);
  // Gives the connection back, rolling back what was not committed.
  void release();
  // Runs `operation` on the connection while the transaction is open.
  template <typename Operation>
  auto read(Operation operation) -> decltype(operation(std::declval<Connection&>()));
  // As read(), only in a write transaction, and inside a savepoint.
  template <typename Operation>
  Status write(Operation operation);

  ConnectionPool& pool_;
  const TransactionMode mode_;
  std::unique_ptr<Connection> connection_;  // null once released
};

}  // namespace tallinn::store::postgres
