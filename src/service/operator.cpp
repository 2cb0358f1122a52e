#include "service/operator.h"

namespace tallinn::service {

Result<policy::Actor> actor_by_email(Context& context, const std::string& email) {
  TALLINN_ASSIGN_OR_RETURN(auto transaction, context.store.begin(store::TransactionMode::kRead));
  Result<store::Credentials> credentials = transaction->credentials_by_email(email);
  if (!credentials.is_ok()) {
    if (credentials.status().code() != ErrorCode::kNotFound) return credentials.status();
    return Status(ErrorCode::kNotFound, "no account has this email", "as");
  }
  const User& user = credentials->user;
  if (user.disabled) return Status(ErrorCode::kForbidden, "the account is disabled", "as");
  return policy::Actor::member(user.id, user.org, user.role);
}

}  // namespace tallinn::service
