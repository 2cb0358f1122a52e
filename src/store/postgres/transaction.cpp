#include "store/postgres/transaction.h"

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
  bool is_write = mode == TransactionMode::kWrite;
  while (true) {
    TALLINN_ASSIGN_OR_RETURN(Lease lease, pool.take());
    Status begun = lease.connection->exec_script(is_write ? kBeginWrite : kBeginRead);
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

Status PgTransaction::run_write(Connection& connection,
                                const std::function<Status(Connection&)>& operation) {
  TALLINN_RETURN_IF_ERROR(connection.exec_script(kSavepoint));
  Status status = operation(connection);
  Status ended = connection.exec_script(status.is_ok() ? kReleaseSavepoint : kRollbackToSavepoint);
  return status.is_ok() ? ended : status;
}

}  // namespace tallinn::store::postgres
