#include "store/postgres/transaction.h"

#include <chrono>

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
  PoolCounters& counters = pool.counters();
  // A writer's wait: for a connection and then for the writers' lock.
  auto started = std::chrono::steady_clock::now();
  while (true) {
    Result<Lease> lease = pool.take();
    if (!lease.is_ok()) {
      ++counters.begin_failures;
      return lease.status();
    }
    Status begun = lease->connection->exec_script(is_write ? kBeginWrite : kBeginRead);
    bool stale = !begun.is_ok() && lease->reused && lease->connection->broken();
    std::unique_ptr<PgTransaction> transaction(
        new PgTransaction(pool, mode, std::move(lease->connection)));
    if (begun.is_ok()) {
      transaction->began_ = true;
      ++(is_write ? counters.write_transactions : counters.read_transactions);
      if (is_write) {
        counters.write_wait_micros += std::chrono::duration_cast<std::chrono::microseconds>(
                                          std::chrono::steady_clock::now() - started)
                                          .count();
      }
      return std::unique_ptr<Transaction>(std::move(transaction));
    }
    // An idle connection that lost its server (a restart, an outage) is
    // dropped by the destructor; the next one may be alive or new.
    if (!stale) {
      ++counters.begin_failures;
      return begun;
    }
  }
}

PgTransaction::~PgTransaction() { release(); }

void PgTransaction::release() {
  if (connection_ == nullptr) return;
  // Whatever ends without a COMMIT is rolled back, by us or by the server
  // that lost the connection.
  if (began_ && !committed_) ++pool_.counters().rollbacks;
  if (connection_->in_transaction() && !connection_->broken()) connection_->exec_script(kRollback);
  pool_.give_back(std::move(connection_));
}

Status PgTransaction::commit() {
  if (connection_ == nullptr) return internal_error();
  // COMMIT of a transaction that a failed statement aborted rolls it back
  // and still answers OK; that must not look like success.
  Status status =
      connection_->in_failed_transaction() ? internal_error() : connection_->exec_script(kCommit);
  committed_ = status.is_ok();
  if (committed_) ++pool_.counters().commits;
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
