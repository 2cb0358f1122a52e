// The OpenAPI 3.1 document of the whole API (src/api/openapi.json, built
// into the binary), served at /api/openapi.json. A test fails when a route
// and the document disagree.
#pragma once

#include <string_view>

namespace tallinn::api {

std::string_view openapi_document();

}  // namespace tallinn::api
