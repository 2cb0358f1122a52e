#include "store/sqlite/user_repository.h"

#include "store/sqlite/columns.h"
#include "store/sqlite/queries.h"

namespace tallinn::store::sqlite::users {
namespace {

// Column order read by read_user(); the password hash follows them where a
// query needs it.
constexpr std::string_view kColumns = rows::kUserColumns;
constexpr int kPasswordHashColumn = 8;
constexpr char kSelectById[] =
    "SELECT id, org, email, role, disabled, version, created_at, updated_at "
    "FROM users WHERE id = :id";
constexpr char kSelectByEmail[] =
    "SELECT id, org, email, role, disabled, version, created_at, updated_at, password_hash "
    "FROM users WHERE email = :email";
constexpr char kInsert[] =
    "INSERT INTO users (id, org, email, role, disabled, password_hash, version, created_at, "
    "updated_at) VALUES (:id, :org, :email, :role, :disabled, :password_hash, :version, "
    ":created_at, :updated_at)";
constexpr char kUpdate[] =
    "UPDATE users SET org = :org, email = :email, role = :role, disabled = :disabled, "
    "version = :version, updated_at = :updated_at "
    "WHERE id = :id AND version = :expected_version";
constexpr char kSetPasswordHash[] =
    "UPDATE users SET password_hash = :password_hash WHERE id = :id";

constexpr char kInsertSession[] =
    "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at) "
    "VALUES (:token_hash, :user_id, :created_at, :expires_at, :last_seen_at)";
constexpr char kSelectSession[] =
    "SELECT token_hash, user_id, created_at, expires_at, last_seen_at FROM sessions "
    "WHERE token_hash = :token_hash";
constexpr char kTouchSession[] =
    "UPDATE sessions SET last_seen_at = :last_seen_at WHERE token_hash = :token_hash";
constexpr char kSelectSecondFactor[] =
    "SELECT totp_secret, totp_pending, totp_last_step FROM users WHERE id = :id";
constexpr char kUpdateSecondFactor[] =
    "UPDATE users SET totp_secret = :secret, totp_pending = :pending, "
    "totp_last_step = :last_step WHERE id = :id";
constexpr char kDeleteRecoveryCodes[] = "DELETE FROM recovery_codes WHERE user_id = :user_id";
constexpr char kInsertRecoveryCode[] =
    "INSERT INTO recovery_codes (user_id, code_hash, used_at) VALUES (:user_id, :code_hash, NULL)";
constexpr char kUseRecoveryCode[] =
    "UPDATE recovery_codes SET used_at = :used_at "
    "WHERE user_id = :user_id AND code_hash = :code_hash AND used_at IS NULL";
constexpr char kSelectSetting[] = "SELECT value FROM settings WHERE key = :key";
constexpr char kUpsertSetting[] =
    "INSERT INTO settings (key, value) VALUES (:key, :value) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value";
constexpr char kDeleteSession[] = "DELETE FROM sessions WHERE token_hash = :token_hash";
constexpr char kDeleteSessionsOf[] = "DELETE FROM sessions WHERE user_id = :user_id";

void bind_fields(Statement& statement, const User& user) {
  statement.bind(":id", user.id)
      .bind(":org", user.org)
      .bind(":email", user.email)
      .bind(":role", to_string(user.role))
      .bind(":disabled", int64_t{user.disabled})
      .bind(":updated_at", user.updated_at);
}

Result<User> read_user(const Statement& row) { return rows::user(StatementRow(row)); }

Result<Credentials> read_credentials(const Statement& row) {
  TALLINN_ASSIGN_OR_RETURN(User user, read_user(row));
  return Credentials{std::move(user), row.column_text(kPasswordHashColumn)};
}

Result<Session> read_session(const Statement& row) { return rows::session(StatementRow(row)); }

// OK when the statement that just ran changed a row, else kNotFound.
Status changed_one(Connection& connection) {
  return connection.changes() > 0 ? Status::ok() : not_found();
}

}  // namespace

Status insert(Connection& connection, const User& user, const std::string& password_hash) {
  TALLINN_ASSIGN_OR_RETURN(Statement statement, connection.prepare(kInsert));
  bind_fields(statement, user);
  statement.bind(":password_hash", password_hash)
      .bind(":version", user.version)
      .bind(":created_at", user.created_at);
  return statement.run();
}

Result<User> find(Connection& connection, const Id& id) {
  TALLINN_ASSIGN_OR_RETURN(Statement query, connection.prepare(kSelectById));
  query.bind(":id", id);
  return read_one<User>(query, read_user);
}

Result<Credentials> credentials_by_email(Connection& connection, const std::string& email) {
  TALLINN_ASSIGN_OR_RETURN(Statement query, connection.prepare(kSelectByEmail));
  query.bind(":email", email);
  return read_one<Credentials>(query, read_credentials);
}

Result<Page<User>> list(Connection& connection, const std::optional<Id>& org,
                        const PageRequest& page) {
  std::vector<Condition> conditions;
  if (org) conditions.push_back(column_equals("org", *org));
  return collect_page<User>(
      page.limit,
      [&](const RowVisitor& visit) {
        return visit_by_time(connection, kColumns, "users", conditions, page, visit);
      },
      read_user);
}

Status update(Connection& connection, const User& user, int64_t expected_version) {
  TALLINN_ASSIGN_OR_RETURN(Statement statement, connection.prepare(kUpdate));
  bind_fields(statement, user);
  statement.bind(":version", expected_version + 1).bind(":expected_version", expected_version);
  TALLINN_RETURN_IF_ERROR(statement.run());
  return finish_versioned_update(connection, "users", user.id);
}

Status set_password_hash(Connection& connection, const Id& user, const std::string& password_hash) {
  TALLINN_ASSIGN_OR_RETURN(Statement statement, connection.prepare(kSetPasswordHash));
  TALLINN_RETURN_IF_ERROR(statement.bind(":id", user).bind(":password_hash", password_hash).run());
  return changed_one(connection);
}

Status insert_session(Connection& connection, const Session& session) {
  TALLINN_ASSIGN_OR_RETURN(Statement statement, connection.prepare(kInsertSession));
  return statement.bind(":token_hash", session.token_hash)
      .bind(":user_id", session.user)
      .bind(":created_at", session.created_at)
      .bind(":expires_at", session.expires_at)
      .bind(":last_seen_at", session.last_seen_at)
      .run();
}

Status touch_session(Connection& connection, const std::string& token_hash, int64_t last_seen_at) {
  TALLINN_ASSIGN_OR_RETURN(Statement statement, connection.prepare(kTouchSession));
  TALLINN_RETURN_IF_ERROR(
      statement.bind(":token_hash", token_hash).bind(":last_seen_at", last_seen_at).run());
  return changed_one(connection);
}

Result<Session> session(Connection& connection, const std::string& token_hash) {
  TALLINN_ASSIGN_OR_RETURN(Statement query, connection.prepare(kSelectSession));
  query.bind(":token_hash", token_hash);
  return read_one<Session>(query, read_session);
}

Status delete_session(Connection& connection, const std::string& token_hash) {
  TALLINN_ASSIGN_OR_RETURN(Statement statement, connection.prepare(kDeleteSession));
  TALLINN_RETURN_IF_ERROR(statement.bind(":token_hash", token_hash).run());
  return changed_one(connection);
}

Status delete_sessions_of(Connection& connection, const Id& user) {
  TALLINN_ASSIGN_OR_RETURN(Statement statement, connection.prepare(kDeleteSessionsOf));
  return statement.bind(":user_id", user).run();
}

Result<SecondFactor> second_factor(Connection& connection, const Id& user) {
  TALLINN_ASSIGN_OR_RETURN(Statement query, connection.prepare(kSelectSecondFactor));
  query.bind(":id", user);
  return read_one<SecondFactor>(
      query, [](const Statement& row) { return rows::second_factor(StatementRow(row)); });
}

Status set_second_factor(Connection& connection, const Id& user, const SecondFactor& factor) {
  TALLINN_ASSIGN_OR_RETURN(Statement statement, connection.prepare(kUpdateSecondFactor));
  TALLINN_RETURN_IF_ERROR(statement.bind(":id", user)
                              .bind_optional(":secret", rows::empty_as_null(factor.totp_secret))
                              .bind_optional(":pending", rows::empty_as_null(factor.totp_pending))
                              .bind(":last_step", factor.totp_last_step)
                              .run());
  return changed_one(connection);
}

Status replace_recovery_codes(Connection& connection, const Id& user,
                              const std::vector<std::string>& code_hashes) {
  TALLINN_ASSIGN_OR_RETURN(Statement removal, connection.prepare(kDeleteRecoveryCodes));
  TALLINN_RETURN_IF_ERROR(removal.bind(":user_id", user).run());
  TALLINN_ASSIGN_OR_RETURN(Statement insert, connection.prepare(kInsertRecoveryCode));
  for (const std::string& hash : code_hashes) {
    TALLINN_RETURN_IF_ERROR(insert.bind(":user_id", user).bind(":code_hash", hash).run());
  }
  return Status::ok();
}

Status use_recovery_code(Connection& connection, const Id& user, const std::string& code_hash,
                         int64_t used_at) {
  TALLINN_ASSIGN_OR_RETURN(Statement statement, connection.prepare(kUseRecoveryCode));
  TALLINN_RETURN_IF_ERROR(statement.bind(":user_id", user)
                              .bind(":code_hash", code_hash)
                              .bind(":used_at", used_at)
                              .run());
  return changed_one(connection);
}

Result<std::optional<std::string>> setting(Connection& connection, const std::string& key) {
  TALLINN_ASSIGN_OR_RETURN(Statement query, connection.prepare(kSelectSetting));
  query.bind(":key", key);
  TALLINN_ASSIGN_OR_RETURN(bool found, query.step());
  if (!found) return std::optional<std::string>();
  return std::optional<std::string>(query.column_text(0));
}

Status set_setting(Connection& connection, const std::string& key, const std::string& value) {
  TALLINN_RETURN_IF_ERROR(rows::check_setting_writable(key));
  TALLINN_ASSIGN_OR_RETURN(Statement statement, connection.prepare(kUpsertSetting));
  return statement.bind(":key", key).bind(":value", value).run();
}

}  // namespace tallinn::store::sqlite::users
