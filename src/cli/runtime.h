// What a command needs to run against a database: the store named by --db,
// the system clock and libsodium's randomness, wired into a service Context.
#pragma once

#include <memory>
#include <string>

#include "core/random.h"
#include "service/context.h"
#include "store/store.h"

namespace tallinn::cli {

// The default of every --db option (api.md).
inline constexpr const char* kDefaultDatabase = "sqlite://./tallinn.db";

class Runtime {
 public:
  // Opens the database (and migrates it when `migrate` is set). Errors name
  // the field "db".
  static Result<std::unique_ptr<Runtime>> open(const std::string& url, bool migrate);

  service::Context& context() { return context_; }
  store::Store& store() { return *store_; }

 private:
  Runtime(std::unique_ptr<store::Store> store, std::unique_ptr<Random> random);

  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Random> random_;
  SystemClock clock_;
  service::Context context_;
};

// Prints "tallinn: <error>" to stderr and returns the exit code for it:
// 2 for bad input, 1 for everything else.
int report_error(const Status& status);

}  // namespace tallinn::cli
