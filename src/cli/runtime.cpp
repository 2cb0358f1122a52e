#include "cli/runtime.h"

#include <iostream>

#include "auth/sodium_random.h"
#include "service/domain.h"

namespace tallinn::cli {

Runtime::Runtime(std::unique_ptr<store::Store> store, std::unique_ptr<Random> random)
    : store_(std::move(store)), random_(std::move(random)), context_{*store_, clock_, *random_} {}

Result<std::unique_ptr<Runtime>> Runtime::open(const std::string& url, bool migrate) {
  TALLINN_RETURN_IF_ERROR(auth::init_sodium());
  TALLINN_ASSIGN_OR_RETURN(auto store, store::open_store(url));
  if (migrate) {
    TALLINN_RETURN_IF_ERROR(store->migrate());
    // A database of the military domain is never served, migrated further
    // or loaded with data by this civil build.
    TALLINN_RETURN_IF_ERROR(service::require_own_database(*store));
  }
  return std::unique_ptr<Runtime>(
      new Runtime(std::move(store), std::make_unique<auth::SodiumRandom>()));
}

int report_error(const Status& status) {
  std::cerr << "tallinn: " << status.to_string() << '\n';
  switch (status.code()) {
    case ErrorCode::kMalformed:
    case ErrorCode::kInvalid:
    case ErrorCode::kTooLarge:
      return 2;
    default:
      return 1;
  }
}

}  // namespace tallinn::cli
