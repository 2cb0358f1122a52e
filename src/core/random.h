// Randomness and time behind small interfaces, so tests inject fixed values
// (LevelDB's Env idea). Production implementations live in auth/ (random,
// from libsodium) and here (the system clock).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace tallinn {

// Thread-safe source of random bytes.
class Random {
 public:
  virtual ~Random() = default;
  virtual void fill(uint8_t* out, size_t size) = 0;
};

// Thread-safe wall clock.
class Clock {
 public:
  virtual ~Clock() = default;
  // Milliseconds since the Unix epoch, UTC.
  virtual int64_t now_ms() = 0;
};

class SystemClock final : public Clock {
 public:
  int64_t now_ms() override;
};

// "2026-11-25T20:10:07.123Z": the one timestamp format of the API.
std::string format_timestamp(int64_t unix_ms);

}  // namespace tallinn
