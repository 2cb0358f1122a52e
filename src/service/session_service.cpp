#include "service/session_service.h"

#include <algorithm>
#include <cctype>

#include "auth/password.h"
#include "auth/token.h"
#include "service/audit_log.h"

namespace tallinn::service {
namespace {

Status wrong_credentials() {
  return Status(ErrorCode::kUnauthenticated, "email or password is wrong");
}

Status not_signed_in() { return Status(ErrorCode::kUnauthenticated, "sign in first"); }

std::string account_key(const std::string& email, const std::string& client) {
  std::string key;
  for (char c : email) key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return key + '|' + client;
}

}  // namespace

int64_t SessionService::retry_after_seconds(const std::string& email, const std::string& client) {
  return std::max(account_limiter_.retry_after_seconds(account_key(email, client)),
                  client_limiter_.retry_after_seconds(client));
}

Result<SignedIn> SessionService::sign_in(const std::string& email, const std::string& password,
                                         const std::string& client) {
  if (password.size() > auth::kMaxPasswordBytes) {
    return Status(ErrorCode::kTooLarge, "password is too long", "password");
  }
  if (retry_after_seconds(email, client) > 0) {
    audit_refusal(context_, policy::Actor(), AuditEvent{.action = "session.create"},
                  Status(ErrorCode::kRateLimited, "too many attempts"));
    return Status(ErrorCode::kRateLimited, "too many failed sign-ins; try again later");
  }
  Result<store::Credentials> credentials = [&]() -> Result<store::Credentials> {
    TALLINN_ASSIGN_OR_RETURN(auto transaction, context_.store.begin(store::TransactionMode::kRead));
    return transaction->credentials_by_email(email);
  }();
  if (!credentials.is_ok() && credentials.status().code() != ErrorCode::kNotFound) {
    return credentials.status();
  }
  bool accepted = false;
  if (credentials.is_ok()) {
    accepted =
        auth::verify_password(password, credentials->password_hash) && !credentials->user.disabled;
  } else {
    auth::burn_verification_time();
  }
  policy::Actor actor;
  AuditEvent event{.action = "session.create", .record_type = "user"};
  if (credentials.is_ok()) {
    event.record_id = credentials->user.id;
    actor =
        policy::Actor::member(credentials->user.id, credentials->user.org, credentials->user.role);
  }
  if (!accepted) {
    account_limiter_.record_failure(account_key(email, client));
    client_limiter_.record_failure(client);
    audit_refusal(context_, actor, event, wrong_credentials());
    return wrong_credentials();
  }

  SignedIn signed_in;
  signed_in.token = auth::new_session_token(context_.random);
  signed_in.user = credentials->user;
  Session session;
  session.token_hash = auth::token_hash(signed_in.token);
  session.user = signed_in.user.id;
  session.created_at = context_.clock.now_ms();
  session.expires_at = session.created_at + kSessionLifetimeMs;
  signed_in.expires_at = session.expires_at;

  TALLINN_ASSIGN_OR_RETURN(auto transaction, context_.store.begin(store::TransactionMode::kWrite));
  TALLINN_RETURN_IF_ERROR(transaction->insert_session(session));
  TALLINN_RETURN_IF_ERROR(append_audit(*transaction, context_.clock, actor, event));
  TALLINN_RETURN_IF_ERROR(transaction->commit());
  return signed_in;
}

Status SessionService::sign_out(const std::string& token) {
  std::string hash = auth::token_hash(token);
  TALLINN_ASSIGN_OR_RETURN(auto transaction, context_.store.begin(store::TransactionMode::kWrite));
  Result<Session> session = transaction->session(hash);
  if (!session.is_ok()) {
    return session.status().code() == ErrorCode::kNotFound ? Status::ok() : session.status();
  }
  TALLINN_ASSIGN_OR_RETURN(User user, transaction->user(session->user));
  TALLINN_RETURN_IF_ERROR(transaction->delete_session(hash));
  auto actor = policy::Actor::member(user.id, user.org, user.role);
  TALLINN_RETURN_IF_ERROR(append_audit(
      *transaction, context_.clock, actor,
      AuditEvent{.action = "session.delete", .record_type = "user", .record_id = user.id}));
  return transaction->commit();
}

Result<policy::Actor> SessionService::authenticate(const std::string& token) {
  if (token.empty() || token.size() > 256) return not_signed_in();
  TALLINN_ASSIGN_OR_RETURN(auto transaction, context_.store.begin(store::TransactionMode::kRead));
  Result<Session> session = transaction->session(auth::token_hash(token));
  if (!session.is_ok()) {
    return session.status().code() == ErrorCode::kNotFound ? not_signed_in() : session.status();
  }
  if (session->expires_at <= context_.clock.now_ms()) return not_signed_in();
  Result<User> user = transaction->user(session->user);
  if (!user.is_ok()) {
    return user.status().code() == ErrorCode::kNotFound ? not_signed_in() : user.status();
  }
  if (user->disabled) return not_signed_in();
  return policy::Actor::member(user->id, user->org, user->role);
}

}  // namespace tallinn::service
