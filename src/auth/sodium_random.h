// libsodium behind tallinn's Random interface, and the one-time library
// initialisation every libsodium user in tallinn relies on.
#pragma once

#include "core/random.h"
#include "core/status.h"

namespace tallinn::auth {

// Initialises libsodium. Safe to call any number of times from any thread;
// only the first call does work. kInternal when libsodium cannot start (no
// usable source of randomness): nothing in auth/ is safe to use then, so
// main() stops.
Status init_sodium();

// Cryptographically secure random bytes from the operating system.
// Thread-safe. init_sodium() must have returned OK before fill() is called.
class SodiumRandom final : public Random {
 public:
  void fill(uint8_t* out, size_t size) override;
};

}  // namespace tallinn::auth
