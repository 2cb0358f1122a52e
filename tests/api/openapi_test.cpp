// The OpenAPI document and the router must describe the same API: every
// route is documented with its method, and every documented operation is a
// route. Served at /api/openapi.json as valid JSON declaring OpenAPI 3.1.
#include "api/openapi.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "api/api.h"
#include "api/test_platform.h"

namespace tallinn::testing {
namespace {

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::set<std::string> routed_operations(TestPlatform& platform) {
  api::Api api(platform.context(), {});
  http::Router router;
  api.install(router);
  std::set<std::string> operations;
  for (const auto& route : router.routes()) {
    operations.insert(lower(route.method) + " " + route.pattern);
  }
  return operations;
}

std::set<std::string> documented_operations(const nlohmann::json& document) {
  static const std::set<std::string> kMethods = {"get", "post", "put", "patch", "delete"};
  std::set<std::string> operations;
  for (const auto& [path, item] : document.at("paths").items()) {
    for (const auto& [method, operation] : item.items()) {
      if (kMethods.count(method)) operations.insert(method + " " + path);
    }
  }
  return operations;
}

TEST(OpenApiTest, DocumentIsOpenApi31) {
  auto document = nlohmann::json::parse(api::openapi_document());
  EXPECT_EQ(document.at("openapi").get<std::string>().substr(0, 3), "3.1");
  EXPECT_TRUE(document.contains("components"));
}

TEST(OpenApiTest, EveryRouteIsDocumentedAndEveryDocumentedOperationIsRouted) {
  auto document = nlohmann::json::parse(api::openapi_document());
  TestPlatform platform;
  std::set<std::string> routed = routed_operations(platform);
  std::set<std::string> documented = documented_operations(document);
  for (const auto& operation : routed) {
    EXPECT_TRUE(documented.count(operation)) << "route not in the OpenAPI document: " << operation;
  }
  for (const auto& operation : documented) {
    EXPECT_TRUE(routed.count(operation)) << "documented but not routed: " << operation;
  }
  EXPECT_GT(routed.size(), 20u);
}

TEST(OpenApiTest, ServedAtApiOpenapiJson) {
  TestPlatform platform;
  auto response = platform.call("anonymous", "GET", "/api/openapi.json");
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(nlohmann::json::parse(response.body), nlohmann::json::parse(api::openapi_document()));
}

}  // namespace
}  // namespace tallinn::testing
