#include "auth/sodium_random.h"

#include <sodium.h>

namespace tallinn::auth {

Status init_sodium() {
  // sodium_init() is itself thread-safe; the static keeps later calls free.
  static const bool started = sodium_init() >= 0;
  if (!started) return Status(ErrorCode::kInternal, "libsodium could not be initialised");
  return Status::ok();
}

void SodiumRandom::fill(uint8_t* out, size_t size) { randombytes_buf(out, size); }

}  // namespace tallinn::auth
