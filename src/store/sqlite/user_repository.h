// Users and their sessions in SQLite. Functions run inside the caller's
// transaction.
#pragma once

#include "core/domain.h"
#include "store/sqlite/connection.h"
#include "store/store.h"

namespace tallinn::store::sqlite::users {

// kConflict when the id or the email (compared case-insensitively) exists,
// or when org names no organisation.
Status insert(Connection& connection, const User& user, const std::string& password_hash);
Result<User> find(Connection& connection, const Id& id);
Result<Credentials> credentials_by_email(Connection& connection, const std::string& email);
// Newest first; only the users of `org` when it is set.
Result<Page<User>> list(Connection& connection, const std::optional<Id>& org,
                        const PageRequest& page);
// Stores every field but id and created_at; version becomes
// expected_version + 1. kConflict also for an email another user has.
Status update(Connection& connection, const User& user, int64_t expected_version);
// kNotFound when there is no such user. Leaves the version alone: the hash
// is not part of the User record.
Status set_password_hash(Connection& connection, const Id& user, const std::string& password_hash);

// kConflict when the token hash exists, or when the user does not.
Status insert_session(Connection& connection, const Session& session);
// The stored session, expired or not; the caller checks expires_at.
Result<Session> session(Connection& connection, const std::string& token_hash);
// kNotFound when there is no such session.
Status delete_session(Connection& connection, const std::string& token_hash);
// OK also when the user has no session.
Status delete_sessions_of(Connection& connection, const Id& user);
Status touch_session(Connection& connection, const std::string& token_hash, int64_t last_seen_at);

Result<SecondFactor> second_factor(Connection& connection, const Id& user);
Status set_second_factor(Connection& connection, const Id& user, const SecondFactor& factor);
Status replace_recovery_codes(Connection& connection, const Id& user,
                              const std::vector<std::string>& code_hashes);
Status use_recovery_code(Connection& connection, const Id& user, const std::string& code_hash,
                         int64_t used_at);

// The settings table lives beside the users: it is tiny and holds the
// account-wide policies (TOTP enforcement) besides the domain stamp.
Result<std::optional<std::string>> setting(Connection& connection, const std::string& key);
Status set_setting(Connection& connection, const std::string& key, const std::string& value);

}  // namespace tallinn::store::sqlite::users
