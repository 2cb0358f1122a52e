#include "service/domain.h"

namespace tallinn::service {

Result<std::string> database_domain(store::Store& store) {
  TALLINN_ASSIGN_OR_RETURN(auto transaction, store.begin(store::TransactionMode::kRead));
  TALLINN_ASSIGN_OR_RETURN(std::optional<std::string> stamp, transaction->setting("domain"));
  if (!stamp) return Status(ErrorCode::kInternal, "the database carries no domain stamp");
  return *stamp;
}

Status require_same_domain(std::string_view declared, std::string_view field) {
  if (declared == kDomain) return Status::ok();
  return Status(ErrorCode::kForbidden,
                "this platform serves the " + std::string(kDomain) +
                    " mechanism; data of another domain is refused",
                std::string(field));
}

Status require_own_database(store::Store& store) {
  TALLINN_ASSIGN_OR_RETURN(std::string stamp, database_domain(store));
  return require_same_domain(stamp, "db");
}

}  // namespace tallinn::service
