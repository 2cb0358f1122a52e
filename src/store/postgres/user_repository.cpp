#include "store/postgres/queries.h"
#include "store/postgres/repositories.h"
#include "store/record_rows.h"

namespace tallinn::store::postgres::users {
namespace {

// Column order read by read_user(); the password hash follows them where a
// query needs it.
constexpr std::string_view kColumns = rows::kUserColumns;
constexpr int kPasswordHashColumn = 8;
constexpr char kSelectById[] =
    "SELECT id, org, email, role, disabled, version, created_at, updated_at "
    "FROM users WHERE id = $1";
// lower(email) is what the unique index users_by_email holds.
constexpr char kSelectByEmail[] =
    "SELECT id, org, email, role, disabled, version, created_at, updated_at, password_hash "
    "FROM users WHERE lower(email) = lower($1)";
constexpr char kInsert[] =
    "INSERT INTO users (id, org, email, role, disabled, updated_at, version, created_at, "
    "password_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
constexpr char kUpdate[] =
    "UPDATE users SET org = $2, email = $3, role = $4, disabled = $5, updated_at = $6, "
    "version = $7 WHERE id = $1 AND version = $8";
constexpr char kSetPasswordHash[] = "UPDATE users SET password_hash = $2 WHERE id = $1";

constexpr char kInsertSession[] =
    "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at) "
    "VALUES ($1, $2, $3, $4, $5)";
constexpr char kSelectSession[] =
    "SELECT token_hash, user_id, created_at, expires_at, last_seen_at FROM sessions "
    "WHERE token_hash = $1";
constexpr char kTouchSession[] = "UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1";
// The sign-in reads then advances totp_last_step inside its write
// transaction; write transactions hold the writers' advisory lock
// (transaction.h), so two sign-ins with the same code cannot both pass.
constexpr char kSelectSecondFactor[] =
    "SELECT totp_secret, totp_pending, totp_last_step FROM users WHERE id = $1";
constexpr char kUpdateSecondFactor[] =
    "UPDATE users SET totp_secret = $2, totp_pending = $3, totp_last_step = $4 WHERE id = $1";
constexpr char kDeleteRecoveryCodes[] = "DELETE FROM recovery_codes WHERE user_id = $1";
// One statement for all codes: $2 is a text[] of hashes.
constexpr char kInsertRecoveryCodes[] =
    "INSERT INTO recovery_codes (user_id, code_hash, used_at) "
    "SELECT $1, hash, NULL FROM unnest($2::text[]) AS hash";
constexpr char kUseRecoveryCode[] =
    "UPDATE recovery_codes SET used_at = $3 "
    "WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL";
constexpr char kSelectSetting[] = "SELECT value FROM settings WHERE key = $1";
constexpr char kUpsertSetting[] =
    "INSERT INTO settings (key, value) VALUES ($1, $2) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value";
constexpr char kDeleteSession[] = "DELETE FROM sessions WHERE token_hash = $1";
constexpr char kDeleteSessionsOf[] = "DELETE FROM sessions WHERE user_id = $1";

// $1..$6 of kInsert and kUpdate.
std::vector<Param> fields(const User& user) {
  return {user.id, user.org, user.email, to_string(user.role), user.disabled, user.updated_at};
}

Result<User> read_user(const Row& row) { return rows::user(row); }

Result<Credentials> read_credentials(const Row& row) {
  TALLINN_ASSIGN_OR_RETURN(User user, read_user(row));
  return Credentials{std::move(user), row.text(kPasswordHashColumn)};
}

Result<Session> read_session(const Row& row) { return rows::session(row); }

}  // namespace

Status insert(Connection& connection, const User& user, const std::string& password_hash) {
  std::vector<Param> params = fields(user);
  params.insert(params.end(), {user.version, user.created_at, password_hash});
  return connection.exec(kInsert, params).status();
}

Result<User> find(Connection& connection, const Id& id) {
  TALLINN_ASSIGN_OR_RETURN(Rows rows, connection.exec(kSelectById, {id}));
  return read_one<User>(rows, read_user);
}

Result<Credentials> credentials_by_email(Connection& connection, const std::string& email) {
  TALLINN_ASSIGN_OR_RETURN(Rows rows, connection.exec(kSelectByEmail, {email}));
  return read_one<Credentials>(rows, read_credentials);
}

Result<Page<User>> list(Connection& connection, const std::optional<Id>& org,
                        const PageRequest& page) {
  std::vector<Condition> conditions;
  if (org) conditions.push_back(column_equals("org", *org));
  TALLINN_ASSIGN_OR_RETURN(Rows rows,
                           select_by_time(connection, kColumns, "users", conditions, page));
  return read_page<User>(rows, page.limit, read_user);
}

Status update(Connection& connection, const User& user, int64_t expected_version) {
  std::vector<Param> params = fields(user);
  params.insert(params.end(), {expected_version + 1, expected_version});
  TALLINN_ASSIGN_OR_RETURN(Rows changed, connection.exec(kUpdate, params));
  return finish_versioned_update(connection, "users", user.id, changed);
}

Status set_password_hash(Connection& connection, const Id& user, const std::string& password_hash) {
  TALLINN_ASSIGN_OR_RETURN(Rows changed, connection.exec(kSetPasswordHash, {user, password_hash}));
  return changed_one(changed);
}

Status insert_session(Connection& connection, const Session& session) {
  return connection
      .exec(kInsertSession,
            {session.token_hash, session.user, session.created_at, session.expires_at,
             session.last_seen_at})
      .status();
}

Result<Session> session(Connection& connection, const std::string& token_hash) {
  TALLINN_ASSIGN_OR_RETURN(Rows rows, connection.exec(kSelectSession, {token_hash}));
  return read_one<Session>(rows, read_session);
}

Status delete_session(Connection& connection, const std::string& token_hash) {
  TALLINN_ASSIGN_OR_RETURN(Rows changed, connection.exec(kDeleteSession, {token_hash}));
  return changed_one(changed);
}

Status delete_sessions_of(Connection& connection, const Id& user) {
  return connection.exec(kDeleteSessionsOf, {user}).status();
}

Status touch_session(Connection& connection, const std::string& token_hash, int64_t last_seen_at) {
  TALLINN_ASSIGN_OR_RETURN(Rows changed, connection.exec(kTouchSession, {token_hash, last_seen_at}));
  return changed_one(changed);
}

Result<SecondFactor> second_factor(Connection& connection, const Id& user) {
  TALLINN_ASSIGN_OR_RETURN(Rows rows, connection.exec(kSelectSecondFactor, {user}));
  return read_one<SecondFactor>(rows, [](const Row& row) { return rows::second_factor(row); });
}

Status set_second_factor(Connection& connection, const Id& user, const SecondFactor& factor) {
  TALLINN_ASSIGN_OR_RETURN(
      Rows changed, connection.exec(kUpdateSecondFactor,
                                    {user, rows::empty_as_null(factor.totp_secret),
                                     rows::empty_as_null(factor.totp_pending),
                                     factor.totp_last_step}));
  return changed_one(changed);
}

Status replace_recovery_codes(Connection& connection, const Id& user,
                              const std::vector<std::string>& code_hashes) {
  TALLINN_RETURN_IF_ERROR(connection.exec(kDeleteRecoveryCodes, {user}).status());
  if (code_hashes.empty()) return Status::ok();
  return connection.exec(kInsertRecoveryCodes, {user, code_hashes}).status();
}

Status use_recovery_code(Connection& connection, const Id& user, const std::string& code_hash,
                         int64_t used_at) {
  TALLINN_ASSIGN_OR_RETURN(Rows changed,
                           connection.exec(kUseRecoveryCode, {user, code_hash, used_at}));
  return changed_one(changed);
}

Result<std::optional<std::string>> setting(Connection& connection, const std::string& key) {
  TALLINN_ASSIGN_OR_RETURN(Rows rows, connection.exec(kSelectSetting, {key}));
  if (rows.size() == 0) return std::optional<std::string>();
  return std::optional<std::string>(rows[0].text(0));
}

Status set_setting(Connection& connection, const std::string& key, const std::string& value) {
  TALLINN_RETURN_IF_ERROR(rows::check_setting_writable(key));
  return connection.exec(kUpsertSetting, {key, value}).status();
}

}  // namespace tallinn::store::postgres::users
