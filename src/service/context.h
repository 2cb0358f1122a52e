// What every service needs from the outside world. Owned by the caller
// (main, or a test) and outliving every service that points to it.
#pragma once

#include "core/random.h"
#include "store/store.h"

namespace tallinn::observe {
class Metrics;
}
namespace tallinn::auth {
class BreachedPasswords;
}

namespace tallinn::service {

struct Context {
  store::Store& store;
  Clock& clock;
  Random& random;
  // Where a server counts what services do (matching runs); none in tools.
  observe::Metrics* metrics = nullptr;
  // A local Pwned Passwords file that new passwords are checked against
  // (serve --breached-passwords); none unless configured.
  const auth::BreachedPasswords* breached_passwords = nullptr;
};

}  // namespace tallinn::service
