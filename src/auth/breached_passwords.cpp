#include "auth/breached_passwords.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>

#include "core/ascii.h"

namespace tallinn::auth {
namespace {

constexpr int kHashDigits = 40;
// A line is a hash, a colon and a count: far shorter than this.
constexpr int64_t kMaxLine = 128;

Status unreadable() {
  return Status(ErrorCode::kUnavailable, "the breached-password file cannot be read");
}

std::string sha1_hex(std::string_view text) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), digest.data(), &length, EVP_sha1(), nullptr);
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0xF];
  }
  return hex;
}

bool is_hex(char c) {
  return is_ascii_digit(c) || (ascii_upper(c) >= 'A' && ascii_upper(c) <= 'F');
}

}  // namespace

BreachedPasswords::~BreachedPasswords() { ::close(fd_); }

Result<std::unique_ptr<BreachedPasswords>> BreachedPasswords::open(const std::string& path) {
  auto refused = [](std::string_view why) {
    return Status(ErrorCode::kInvalid, std::string(why), "breached-passwords");
  };
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return refused("cannot open the file");
  struct stat info {};
  if (::fstat(fd, &info) != 0 || info.st_size == 0) {
    ::close(fd);
    return refused("the file is empty or cannot be read");
  }
  std::unique_ptr<BreachedPasswords> file(new BreachedPasswords(fd, info.st_size));
  if (!file->line_at(0, 0).is_ok() || !file->line_at(info.st_size - 1, 0).is_ok()) {
    return refused("lines must be SHA1-HEX:COUNT (Pwned Passwords, ordered by hash)");
  }
  return file;
}

Result<BreachedPasswords::Line> BreachedPasswords::line_at(int64_t offset, int64_t floor) const {
  // Back from `offset` to the newline before it: that is where the line starts.
  int64_t from = std::max(floor, offset - kMaxLine);
  std::array<char, 2 * kMaxLine> buffer{};
  int64_t before = offset - from;
  if (::pread(fd_, buffer.data(), before, from) != before) return unreadable();
  int64_t start = from;
  for (int64_t i = before - 1; i >= 0; --i) {
    if (buffer[i] == '\n') {
      start = from + i + 1;
      break;
    }
  }
  if (start == from && from != floor) return unreadable();  // a line longer than any hash line
  ssize_t got = ::pread(fd_, buffer.data(), kMaxLine, start);
  if (got < kHashDigits + 2) return unreadable();
  Line line;
  line.start = start;
  for (int i = 0; i < kHashDigits; ++i) {
    if (!is_hex(buffer[i])) return unreadable();
    line.hash += ascii_upper(buffer[i]);
  }
  if (buffer[kHashDigits] != ':') return unreadable();
  line.end = size_;
  for (ssize_t i = kHashDigits; i < got; ++i) {
    if (buffer[i] == '\n') {
      line.end = start + i + 1;
      break;
    }
  }
  if (line.end == size_ && start + got < size_) return unreadable();
  return line;
}

Result<bool> BreachedPasswords::contains(std::string_view password) const {
  const std::string wanted = sha1_hex(password);
  // Invariant: lo and hi are line starts (or the end), and a matching line,
  // if any, starts in [lo, hi).
  int64_t lo = 0;
  int64_t hi = size_;
  while (lo < hi) {
    TALLINN_ASSIGN_OR_RETURN(Line line, line_at(lo + (hi - lo) / 2, lo));
    int order = line.hash.compare(wanted);
    if (order == 0) return true;
    if (order < 0) {
      lo = line.end;
    } else {
      hi = line.start;
    }
  }
  return false;
}

Status check_not_breached(const BreachedPasswords* breached, std::string_view password,
                          std::string_view field) {
  if (breached == nullptr) return Status::ok();
  TALLINN_ASSIGN_OR_RETURN(bool found, breached->contains(password));
  if (!found) return Status::ok();
  return Status(ErrorCode::kInvalid,
                "this password appears in a breach of another service; choose another",
                std::string(field));
}

}  // namespace tallinn::auth
