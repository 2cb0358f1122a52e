#include "store/sqlite/sqlite_transaction.h"

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
  Result<std::unique_ptr<Connection>> connection = writes ? pool.take_writer() : pool.take_reader();
  if (!connection.is_ok()) {
    ++pool.counters().begin_failures;
    return connection.status();
  }
  Status begun = (*connection)->run(writes ? kBeginWrite : kBeginRead);
  std::unique_ptr<SqliteTransaction> transaction(
      new SqliteTransaction(pool, mode, std::move(*connection)));
  if (!begun.is_ok()) {
    ++pool.counters().begin_failures;
    return begun;  // the destructor gives the connection back
  }
  ++(writes ? pool.counters().write_transactions : pool.counters().read_transactions);
  return std::unique_ptr<Transaction>(std::move(transaction));
}

SqliteTransaction::~SqliteTransaction() { release(); }

void SqliteTransaction::release() {
  if (connection_ == nullptr) return;
  if (connection_->in_transaction()) {
    connection_->run(kRollback);
    ++pool_.counters().rollbacks;
  }
  if (mode_ == TransactionMode::kWrite) {
    pool_.return_writer(std::move(connection_));
  } else {
    pool_.return_reader(std::move(connection_));
  }
}

Status SqliteTransaction::commit() {
  if (connection_ == nullptr) return internal_error();
  Status status = connection_->run(kCommit);
  if (status.is_ok()) ++pool_.counters().commits;
  release();
  return status;
}

}  // namespace tallinn::store::sqlite
