// The PostgreSQL repositories: one namespace per kind of record, each
// function running inside the caller's transaction on `connection`. The
// contracts are those of the SQLite repositories (sqlite/*_repository.h) and
// of store/store.h.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "core/audit_record.h"
#include "core/domain.h"
#include "core/read_scope.h"
#include "store/postgres/connection.h"
#include "store/store.h"

namespace tallinn::store::postgres {

namespace organisations {
Status insert(Connection& connection, const Organisation& organisation);
Result<Organisation> find(Connection& connection, const Id& id);
Result<Page<Organisation>> list(Connection& connection, const PageRequest& page);
Status update(Connection& connection, const Organisation& organisation, int64_t expected_version);
Result<int64_t> count(Connection& connection);
}  // namespace organisations

namespace users {
// kConflict when the id or the email (compared case-insensitively) exists,
// or when org names no organisation.
Status insert(Connection& connection, const User& user, const std::string& password_hash);
Result<User> find(Connection& connection, const Id& id);
Result<Credentials> credentials_by_email(Connection& connection, const std::string& email);
Result<Page<User>> list(Connection& connection, const std::optional<Id>& org,
                        const PageRequest& page);
Status update(Connection& connection, const User& user, int64_t expected_version);
Status set_password_hash(Connection& connection, const Id& user, const std::string& password_hash);
Status insert_session(Connection& connection, const Session& session);
Result<Session> session(Connection& connection, const std::string& token_hash);
Status delete_session(Connection& connection, const std::string& token_hash);
Status delete_sessions_of(Connection& connection, const Id& user);
}  // namespace users

namespace needs {
Status insert(Connection& connection, const Need& need);
Result<Need> find(Connection& connection, const Id& id);
Status update(Connection& connection, const Need& need, int64_t expected_version);
Result<Page<Need>> list(Connection& connection, const ReadScope& scope, const NeedFilter& filter,
                        const PageRequest& page);
Result<int64_t> count(Connection& connection, const ReadScope& scope, const NeedFilter& filter);
}  // namespace needs

namespace offers {
Status insert(Connection& connection, const Offer& offer);
Result<Offer> find(Connection& connection, const Id& id);
Status update(Connection& connection, const Offer& offer, int64_t expected_version);
Result<Page<Offer>> list(Connection& connection, const ReadScope& scope, const OfferFilter& filter,
                         const PageRequest& page);
Result<int64_t> count(Connection& connection, const ReadScope& scope, const OfferFilter& filter);
}  // namespace offers

namespace audit {
Result<std::optional<AuditEntry>> last(Connection& connection);
Status append(Connection& connection, const AuditEntry& entry);
Result<Page<AuditEntry>> list(Connection& connection, const PageRequest& page);
Status scan(Connection& connection, const std::function<Status(const AuditEntry&)>& visit);
}  // namespace audit

}  // namespace tallinn::store::postgres
