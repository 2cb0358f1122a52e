#include "http/errors.h"

namespace tallinn::http {

int http_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk:
      return 200;
    case ErrorCode::kMalformed:
      return 400;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kForbidden:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kTooLarge:
      return 413;
    case ErrorCode::kInvalid:
      return 422;
    case ErrorCode::kRateLimited:
      return 429;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

namespace {

Response error_body(int http_status, std::string_view code, std::string_view message,
                    std::string_view field) {
  nlohmann::json error = {{"code", code}, {"message", message}};
  if (!field.empty()) error["field"] = field;
  return Response::json(http_status, {{"error", std::move(error)}});
}

}  // namespace

Response error_response(const Status& status) {
  switch (status.code()) {
    case ErrorCode::kOk:  // a caller bug: an OK status is not an error
    case ErrorCode::kInternal:
      return error_body(500, error_code_name(ErrorCode::kInternal), "internal error", "");
    case ErrorCode::kNotFound:
      return error_body(404, error_code_name(ErrorCode::kNotFound), "not found", "");
    default:
      return error_body(http_status(status.code()), error_code_name(status.code()),
                        status.message(), status.field());
  }
}

Response error_response(int http_status, std::string_view code, std::string_view message) {
  return error_body(http_status, code, message, "");
}

}  // namespace tallinn::http
