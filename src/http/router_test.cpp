#include "http/router.h"

#include <gtest/gtest.h>

#include "http/errors.h"

namespace tallinn::http {
namespace {

Handler echo(std::string name) {
  return [name](const Request&, const PathParams& params) {
    nlohmann::json body = {{"handler", name}};
    if (name == "need") body["id"] = params["id"];
    return Response::json(200, body);
  };
}

Request make_request(std::string method, std::string target) {
  Request request;
  request.method = std::move(method);
  request.target = target;
  auto parsed = parse_target(target);
  request.path = parsed.is_ok() ? parsed->path : target;
  return request;
}

class RouterTest : public ::testing::Test {
 protected:
  RouterTest() {
    router.add("GET", "/api/v1/needs", echo("list"));
    router.add("POST", "/api/v1/needs", echo("create"));
    router.add("GET", "/api/v1/needs/{id}", echo("need"));
    router.add("PATCH", "/api/v1/needs/{id}", echo("need"));
    router.add("GET", "/api/v1/needs/export", echo("export"));
  }
  Router router;
};

TEST_F(RouterTest, MatchesLiteralsBeforeParameters) {
  auto outcome = router.dispatch(make_request("GET", "/api/v1/needs/export"));
  EXPECT_EQ(nlohmann::json::parse(outcome.response.body)["handler"], "export");
  outcome = router.dispatch(make_request("GET", "/api/v1/needs/n-1"));
  EXPECT_EQ(outcome.pattern, "/api/v1/needs/{id}");
  EXPECT_EQ(nlohmann::json::parse(outcome.response.body)["id"], "n-1");
}

TEST_F(RouterTest, DecodesPathParameters) {
  auto outcome = router.dispatch(make_request("GET", "/api/v1/needs/a%2Fb%20c"));
  EXPECT_EQ(nlohmann::json::parse(outcome.response.body)["id"], "a/b c");
  EXPECT_EQ(router.dispatch(make_request("GET", "/api/v1/needs/%ZZ")).response.status, 400);
  EXPECT_EQ(router.dispatch(make_request("GET", "/api/v1/needs/%00")).response.status, 400);
  EXPECT_EQ(router.dispatch(make_request("GET", "/api/v1/needs/%C3%28")).response.status, 400);
}

TEST_F(RouterTest, UnknownPathIs404AndWrongMethodIs405WithAllow) {
  auto missing = router.dispatch(make_request("GET", "/api/v1/nothing"));
  EXPECT_EQ(missing.response.status, 404);
  EXPECT_EQ(missing.response.body, error_response(not_found()).body);
  EXPECT_EQ(router.dispatch(make_request("GET", "/api/v1/needs/")).response.status, 404);

  auto wrong = router.dispatch(make_request("DELETE", "/api/v1/needs/7"));
  EXPECT_EQ(wrong.response.status, 405);
  EXPECT_EQ(wrong.response.header("Allow"), "GET, PATCH");
  auto trace = router.dispatch(make_request("TRACE", "/api/v1/needs"));
  EXPECT_EQ(trace.response.status, 405);
  EXPECT_EQ(trace.response.header("Allow"), "GET, POST");
  EXPECT_EQ(router.dispatch(make_request("BREW", "/nowhere")).response.status, 405);
}

TEST_F(RouterTest, ListsRoutesAndRefusesBadRegistrations) {
  std::vector<RouteInfo> expected = {{"GET", "/api/v1/needs"},
                                     {"POST", "/api/v1/needs"},
                                     {"GET", "/api/v1/needs/export"},
                                     {"GET", "/api/v1/needs/{id}"},
                                     {"PATCH", "/api/v1/needs/{id}"}};
  EXPECT_EQ(router.routes(), expected);
  EXPECT_THROW(router.add("GET", "/api/v1/needs", echo("again")), std::invalid_argument);
  EXPECT_THROW(router.add("TRACE", "/x", echo("trace")), std::invalid_argument);
  EXPECT_THROW(router.add("GET", "x", echo("relative")), std::invalid_argument);
}

TEST_F(RouterTest, FallbackTakesUnmatchedGetsOnly) {
  router.set_fallback([](const Request& request, const PathParams&) {
    return Response::json(200, {{"handler", "fallback"}, {"path", request.path}});
  });
  auto page = router.dispatch(make_request("GET", "/needs/7"));
  EXPECT_EQ(page.response.status, 200);
  EXPECT_EQ(page.pattern, "*");
  EXPECT_NE(page.response.body.find("fallback"), std::string::npos);
  // Registered routes still win, and a wrong method on them is still 405.
  EXPECT_EQ(router.dispatch(make_request("GET", "/api/v1/needs")).pattern, "/api/v1/needs");
  EXPECT_EQ(router.dispatch(make_request("DELETE", "/api/v1/needs/7")).response.status, 405);
  // Other methods on unknown paths are not the fallback's business.
  EXPECT_EQ(router.dispatch(make_request("POST", "/needs/7")).response.status, 404);
}

TEST(Errors, MapsEveryCodeToItsStatus) {
  EXPECT_EQ(http_status(ErrorCode::kMalformed), 400);
  EXPECT_EQ(http_status(ErrorCode::kUnauthenticated), 401);
  EXPECT_EQ(http_status(ErrorCode::kForbidden), 403);
  EXPECT_EQ(http_status(ErrorCode::kNotFound), 404);
  EXPECT_EQ(http_status(ErrorCode::kConflict), 409);
  EXPECT_EQ(http_status(ErrorCode::kTooLarge), 413);
  EXPECT_EQ(http_status(ErrorCode::kInvalid), 422);
  EXPECT_EQ(http_status(ErrorCode::kRateLimited), 429);
  EXPECT_EQ(http_status(ErrorCode::kUnavailable), 503);
  EXPECT_EQ(http_status(ErrorCode::kInternal), 500);
}

TEST(Errors, WritesTheApiErrorBody) {
  Response with_field = error_response(invalid("amount", "must be positive"));
  EXPECT_EQ(with_field.status, 422);
  EXPECT_EQ(with_field.content_type, "application/json; charset=utf-8");
  EXPECT_EQ(with_field.body,
            R"({"error":{"code":"invalid","field":"amount","message":"must be positive"}})");
  EXPECT_EQ(error_response(conflict("stale version")).body,
            R"({"error":{"code":"conflict","message":"stale version"}})");
  // Absent and invisible records must be indistinguishable.
  EXPECT_EQ(error_response(Status(ErrorCode::kNotFound, "need n-1 is RED")).body,
            error_response(not_found()).body);
  EXPECT_EQ(error_response(Status(ErrorCode::kInternal, "SELECT failed")).body,
            R"({"error":{"code":"internal","message":"internal error"}})");
}

TEST(Requests, ParsesTargetsAndRefusesRepeatedParameters) {
  auto target = parse_target("/api/v1/needs?limit=10&region=UA%2D30&q=a+b");
  ASSERT_TRUE(target.is_ok());
  EXPECT_EQ(target->path, "/api/v1/needs");
  EXPECT_EQ(target->query.at("region"), "UA-30");
  EXPECT_EQ(target->query.at("q"), "a b");
  auto repeated = parse_target("/x?limit=1&limit=1000");
  ASSERT_FALSE(repeated.is_ok());
  EXPECT_EQ(repeated.status().field(), "limit");
  EXPECT_FALSE(parse_target("/x?a=%G0").is_ok());
  EXPECT_FALSE(parse_target("http://evil/x").is_ok());
}

TEST(Responses, AddSecurityHeadersWithoutOverridingHandlers) {
  Response response = Response::json(200, {{"ok", true}});
  response.set_header("Cache-Control", "max-age=60");
  add_security_headers(response);
  EXPECT_EQ(response.header("cache-control"), "max-age=60");
  EXPECT_EQ(response.header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(response.header("X-Frame-Options"), "DENY");
  EXPECT_EQ(response.header("Referrer-Policy"), "no-referrer");
  EXPECT_TRUE(response.header("Content-Security-Policy"));
}

}  // namespace
}  // namespace tallinn::http
