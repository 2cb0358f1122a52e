// The one place where an ErrorCode becomes an HTTP status, and where the
// error body of api.md is written:
//   {"error": {"code": "...", "message": "...", "field": "..."}}
// with "field" only when the Status names one.
#pragma once

#include <string_view>

#include "core/status.h"
#include "http/response.h"

namespace tallinn::http {

// 400 malformed, 401 unauthenticated, 403 forbidden, 404 not_found,
// 409 conflict, 413 too_large, 422 invalid, 429 rate_limited,
// 503 unavailable, 500 internal (and 200 for kOk).
int http_status(ErrorCode code);

// The response for a failed Status. The message is the Status's (written for
// clients, see core/status.h), except for kInternal, which always says
// "internal error". kNotFound always says "not found" so that an absent
// record and one the caller may not see give byte-identical answers.
Response error_response(const Status& status);

// An error the transport produces itself, with a status and code outside
// ErrorCode: 405 "method_not_allowed", 431 "header_too_large".
Response error_response(int http_status, std::string_view code, std::string_view message);

}  // namespace tallinn::http
