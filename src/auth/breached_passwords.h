// A local copy of Have I Been Pwned's Pwned Passwords (ASVS 5.0 V6.2.12),
// searched on disk so that no new password ever leaves the host.
//
// The file is the one HIBP publishes for download, "ordered by hash": one
// line per breached password, `SHA1-HEX:COUNT`, sorted by the hash. It is
// about 40 GB, so it is never loaded: contains() hashes the password with
// SHA-1 and binary-searches the file by byte offset, reading a line per step
// (about 35 short reads). Upper- and lower-case hex are both accepted; lines
// end in "\n" or "\r\n".
//
// Thread-safe: reads use pread() on one descriptor and keep no state.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace tallinn::auth {

class BreachedPasswords {
 public:
  // Opens `path` and checks that its first and last lines have the format;
  // kInvalid naming "breached-passwords" otherwise.
  static Result<std::unique_ptr<BreachedPasswords>> open(const std::string& path);
  ~BreachedPasswords();
  BreachedPasswords(const BreachedPasswords&) = delete;
  BreachedPasswords& operator=(const BreachedPasswords&) = delete;

  // True when the SHA-1 of `password` is in the file; kUnavailable when the
  // file cannot be read or a line is malformed.
  Result<bool> contains(std::string_view password) const;

 private:
  struct Line {
    int64_t start = 0;
    int64_t end = 0;   // one past its newline (or the file's end)
    std::string hash;  // 40 upper-case hex digits
  };
  BreachedPasswords(int fd, int64_t size) : fd_(fd), size_(size) {}
  // The line holding byte `offset`, which lies in [floor, size_).
  Result<Line> line_at(int64_t offset, int64_t floor) const;

  int fd_;
  int64_t size_;
};

// OK when `breached` is null (no file configured) or does not hold
// `password`; kInvalid naming `field` when it does.
Status check_not_breached(const BreachedPasswords* breached, std::string_view password,
                          std::string_view field = "password");

}  // namespace tallinn::auth
