// Status and Result<T>: the one error type of tallinn.
//
// Expected failures (bad input, a record that is not there, a conflict, a
// database that went away) are values, never exceptions. Exceptions thrown
// by libraries are caught at the adapter that calls them and turned into a
// Status there. A Status is cheap when OK (no allocation).
//
// The code is independent of any protocol; http/ maps it to a status code in
// one place. `message` is safe to show to a client; `field` names the input
// field at fault, when one is. Details for the log (SQL text, exception
// messages) never go into a Status that can reach a client.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace tallinn {

enum class ErrorCode {
  kOk = 0,
  kMalformed,        // syntactically broken input (bad JSON, bad cursor)
  kUnauthenticated,  // no valid session
  kForbidden,        // signed in, sees the record, may not do this to it
  kNotFound,         // absent, or not visible to the actor
  kConflict,         // stale version, illegal transition, budget exceeded
  kTooLarge,         // body or field over its limit
  kInvalid,          // well-formed input with an invalid value
  kRateLimited,      // too many attempts
  kUnavailable,      // the database cannot be reached
  kInternal,         // a bug: never caused by input
};

// Stable, lower-case name of a code, used as `error.code` in the API.
const char* error_code_name(ErrorCode code);

class Status {
 public:
  Status() = default;
  Status(ErrorCode code, std::string message, std::string field = {})
      : code_(code), message_(std::move(message)), field_(std::move(field)) {}

  static Status ok() { return Status(); }

  bool is_ok() const { return code_ == ErrorCode::kOk; }
  explicit operator bool() const { return is_ok(); }
  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // Empty when no single input field is at fault.
  const std::string& field() const { return field_; }

  // "field: message", or the message alone: the form used on stderr.
  std::string to_string() const;

 private:
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
  std::string field_;
};

// Shorthands that read well at call sites.
inline Status invalid(std::string field, std::string message) {
  return Status(ErrorCode::kInvalid, std::move(message), std::move(field));
}
inline Status malformed(std::string message, std::string field = {}) {
  return Status(ErrorCode::kMalformed, std::move(message), std::move(field));
}
inline Status not_found() { return Status(ErrorCode::kNotFound, "not found"); }
inline Status forbidden() { return Status(ErrorCode::kForbidden, "not allowed"); }
inline Status conflict(std::string message) {
  return Status(ErrorCode::kConflict, std::move(message));
}
inline Status internal_error() { return Status(ErrorCode::kInternal, "internal error"); }

// Either a value or a non-OK Status.
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}         // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT
    assert(!status_.is_ok() && "a Result holding no value needs an error");
  }

  bool is_ok() const { return value_.has_value(); }
  explicit operator bool() const { return is_ok(); }
  const Status& status() const { return status_; }

  T& value() & {
    assert(is_ok());
    return *value_;
  }
  const T& value() const& {
    assert(is_ok());
    return *value_;
  }
  T&& value() && {
    assert(is_ok());
    return std::move(*value_);
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace tallinn

// Returns early from the calling function when `expr` is not OK.
#define TALLINN_RETURN_IF_ERROR(expr)                 \
  do {                                                \
    ::tallinn::Status status_macro_ = (expr);         \
    if (!status_macro_.is_ok()) return status_macro_; \
  } while (false)

#define TALLINN_CONCAT_INNER(a, b) a##b
#define TALLINN_CONCAT(a, b) TALLINN_CONCAT_INNER(a, b)

// `TALLINN_ASSIGN_OR_RETURN(auto x, f());` binds x or returns f's Status.
#define TALLINN_ASSIGN_OR_RETURN(lhs, expr) \
  TALLINN_ASSIGN_OR_RETURN_IMPL(TALLINN_CONCAT(result_macro_, __LINE__), lhs, expr)
#define TALLINN_ASSIGN_OR_RETURN_IMPL(result, lhs, expr) \
  auto result = (expr);                                  \
  if (!result.is_ok()) return result.status();           \
  lhs = std::move(result).value()
