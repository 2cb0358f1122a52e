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

#include "core/audit_record.h"
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
  std::optional<Sector> sector;
  std::optional<Region> region;
  std::optional<Category> category;
  std::optional<Id> org;
  std::string text;  // words that must all occur in title or description
};

struct OfferFilter {
  std::optional<OfferStatus> status;
  std::optional<Id> org;
  std::string text;
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

  virtual Status insert_need(const Need& need) = 0;
  virtual Result<Need> need(const Id& id) = 0;
  virtual Status update_need(const Need& need, int64_t expected_version) = 0;
  virtual Result<Page<Need>> list_needs(const ReadScope& scope, const NeedFilter& filter,
                                        const PageRequest& page) = 0;
  virtual Result<int64_t> count_needs(const ReadScope& scope, const NeedFilter& filter) = 0;

  virtual Status insert_offer(const Offer& offer) = 0;
  virtual Result<Offer> offer(const Id& id) = 0;
  virtual Status update_offer(const Offer& offer, int64_t expected_version) = 0;
  virtual Result<Page<Offer>> list_offers(const ReadScope& scope, const OfferFilter& filter,
                                          const PageRequest& page) = 0;
  virtual Result<int64_t> count_offers(const ReadScope& scope, const OfferFilter& filter) = 0;

  // The audit trail is append-only through this interface.
  virtual Result<std::optional<AuditEntry>> last_audit_entry() = 0;
  virtual Status append_audit(const AuditEntry& entry) = 0;
  // Newest first, keyset-paged by sequence.
  virtual Result<Page<AuditEntry>> list_audit(const PageRequest& page) = 0;
  // Every entry in sequence order; stops at the first non-OK visitor Status.
  virtual Status scan_audit(const std::function<Status(const AuditEntry&)>& visit) = 0;
};

enum class TransactionMode { kRead, kWrite };

class Store {
 public:
  virtual ~Store() = default;
  // Caller owns the transaction; see the contract above.
  virtual Result<std::unique_ptr<Transaction>> begin(TransactionMode mode) = 0;
  // Applies the numbered migrations not yet applied; safe to run twice.
  virtual Status migrate() = 0;
  // OK when the database answers a trivial query.
  virtual Status ping() = 0;
};

// Opens the database named by `url`: "sqlite://PATH" (PATH may be relative;
// tests use a file in a fresh temporary folder), or "postgresql://..." (also
// "postgres://..."), a libpq connection URL. Other schemes are kInvalid
// naming "db"; an unreachable database is kUnavailable. Does not migrate.
Result<std::unique_ptr<Store>> open_store(const std::string& url);

}  // namespace tallinn::store
