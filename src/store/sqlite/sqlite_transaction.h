// The SQLite Transaction: one pooled connection inside BEGIN (read) or
// BEGIN IMMEDIATE (write), forwarding each operation to its repository
// (repository_transaction.h).
//
// Belongs to one thread at a time. After commit() every operation is
// kInternal (a programming error), as is a write in a read transaction.
// Destroying it without commit() rolls back. The connection goes back to
// the pool at commit() or destruction, whichever comes first, so a write
// transaction holds the write lock no longer than it must.
#pragma once

#include <memory>

#include "store/repository_transaction.h"
#include "store/sqlite/assessment_repository.h"
#include "store/sqlite/audit_repository.h"
#include "store/sqlite/connection_pool.h"
#include "store/sqlite/coordination_repository.h"
#include "store/sqlite/duplicate_repository.h"
#include "store/sqlite/need_repository.h"
#include "store/sqlite/notification_repository.h"
#include "store/sqlite/offer_repository.h"
#include "store/sqlite/organisation_repository.h"
#include "store/sqlite/user_repository.h"
#include "store/store.h"

namespace tallinn::store::sqlite {

// The SQLite repositories, operation by operation (repository_transaction.h).
struct SqliteRepositories {
  using Connection = sqlite::Connection;
  static constexpr auto insert_organisation = &organisations::insert;
  static constexpr auto organisation = &organisations::find;
  static constexpr auto list_organisations = &organisations::list;
  static constexpr auto update_organisation = &organisations::update;
  static constexpr auto count_organisations = &organisations::count;
  static constexpr auto insert_user = &users::insert;
  static constexpr auto user = &users::find;
  static constexpr auto credentials_by_email = &users::credentials_by_email;
  static constexpr auto list_users = &users::list;
  static constexpr auto update_user = &users::update;
  static constexpr auto set_password_hash = &users::set_password_hash;
  static constexpr auto insert_session = &users::insert_session;
  static constexpr auto session = &users::session;
  static constexpr auto delete_session = &users::delete_session;
  static constexpr auto delete_sessions_of = &users::delete_sessions_of;
  static constexpr auto touch_session = &users::touch_session;
  static constexpr auto second_factor = &users::second_factor;
  static constexpr auto set_second_factor = &users::set_second_factor;
  static constexpr auto replace_recovery_codes = &users::replace_recovery_codes;
  static constexpr auto use_recovery_code = &users::use_recovery_code;
  static constexpr auto setting = &users::setting;
  static constexpr auto set_setting = &users::set_setting;
  static constexpr auto insert_need = &needs::insert;
  static constexpr auto need = &needs::find;
  static constexpr auto update_need = &needs::update;
  static constexpr auto list_needs = &needs::list;
  static constexpr auto list_needs_without_access = &needs::list_without_access;
  static constexpr auto count_needs = &needs::count;
  static constexpr auto coverage_groups = &needs::coverage_groups;
  static constexpr auto needs_of_priority = &needs::of_priority;
  static constexpr auto insert_offer = &offers::insert;
  static constexpr auto offer = &offers::find;
  static constexpr auto update_offer = &offers::update;
  static constexpr auto list_offers = &offers::list;
  static constexpr auto count_offers = &offers::count;
  static constexpr auto offer_money = &offers::money;
  static constexpr auto last_audit_entry = &audit::last;
  static constexpr auto append_audit = &audit::append;
  static constexpr auto list_audit = &audit::list;
  static constexpr auto list_audit_for_record = &audit::list_for_record;
  static constexpr auto scan_audit = &audit::scan;
  static constexpr auto insert_matching_run = &coordination::insert_run;
  static constexpr auto matching_run = &coordination::find_run;
  static constexpr auto insert_proposal = &coordination::insert_proposal;
  static constexpr auto insert_allocation = &coordination::insert_allocation;
  static constexpr auto allocation = &coordination::find_allocation;
  static constexpr auto update_allocation = &coordination::update_allocation;
  static constexpr auto list_allocations = &coordination::list_allocations;
  static constexpr auto page_allocations = &coordination::page_allocations;
  static constexpr auto insert_meeting = &coordination::insert_meeting;
  static constexpr auto meeting = &coordination::find_meeting;
  static constexpr auto update_meeting = &coordination::update_meeting;
  static constexpr auto insert_decision = &coordination::insert_decision;
  static constexpr auto decision = &coordination::find_decision;
  static constexpr auto decisions_of = &coordination::decisions_of;
  static constexpr auto insert_report = &coordination::insert_report;
  static constexpr auto reports_of = &coordination::reports_of;
  static constexpr auto idempotent_allocation = &coordination::idempotent_allocation;
  static constexpr auto insert_idempotency_key = &coordination::insert_idempotency_key;
  static constexpr auto insert_assessment = &assessments::insert;
  static constexpr auto assessment = &assessments::find;
  static constexpr auto list_assessments = &assessments::list;
  static constexpr auto duplicate_candidates = &duplicates::candidates;
  static constexpr auto replace_duplicate_matches = &duplicates::replace;
  static constexpr auto duplicate_matches = &duplicates::of;
  static constexpr auto active_users = &notifications::active_users;
  static constexpr auto insert_notification = &notifications::insert;
  static constexpr auto notification = &notifications::find;
  static constexpr auto list_notifications = &notifications::list;
  static constexpr auto mark_notification_read = &notifications::mark_read;
};

class SqliteTransaction final : public RepositoryTransaction<SqliteRepositories> {
 public:
  // Takes a connection from `pool` (which must outlive the transaction) and
  // begins. kUnavailable when no connection can be had or the write lock
  // is not free within the busy timeout.
  static Result<std::unique_ptr<Transaction>> begin(ConnectionPool& pool, TransactionMode mode);
  ~SqliteTransaction() override;

  Status commit() override;

 protected:
  Connection* open_connection() override { return connection_.get(); }
  bool writes() const override { return mode_ == TransactionMode::kWrite; }

 private:
  SqliteTransaction(ConnectionPool& pool, TransactionMode mode,
                    std::unique_ptr<Connection> connection);
  // Gives the connection back, rolling back what was not committed.
  void release();

  ConnectionPool& pool_;
  const TransactionMode mode_;
  std::unique_ptr<Connection> connection_;  // null once released
};

}  // namespace tallinn::store::sqlite
