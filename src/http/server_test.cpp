#include "http/server.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "http/errors.h"
#include "http/json.h"
#include "support/http_client.h"

namespace tallinn::http {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using testing::HttpConnection;
using testing::raw_exchange;
using testing::request;

std::atomic<int> slow_requests_started{0};

std::shared_ptr<Router> test_router() {
  auto router = std::make_shared<Router>();
  router->add("GET", "/api/v1/items/{id}", [](const Request& request, const PathParams& params) {
    json cookies = json::object();
    for (const auto& [name, value] : request.cookies) cookies[name] = value;
    return Response::json(200, {{"id", params["id"]},
                                {"query", request.query},
                                {"cookies", cookies},
                                {"client", request.client_address}});
  });
  router->add("POST", "/api/v1/items", [](const Request& request, const PathParams&) {
    auto body = parse_json_request(request);
    if (!body.is_ok()) return error_response(body.status());
    return Response::json(201, *body);
  });
  router->add("GET", "/throw", [](const Request&, const PathParams&) -> Response {
    throw std::runtime_error("secret detail from the database");
  });
  router->add("DELETE", "/api/v1/items/{id}", [](const Request&, const PathParams&) {
    Response response = Response::json(204, {{"ignored", true}});
    response.headers.emplace_back("X-Injected", "a\r\nSet-Cookie: evil=1");
    response.headers.emplace_back("Content-Length", "999");
    response.headers.emplace_back("X-Kept", "yes");
    return response;
  });
  router->add("HEAD", "/api/v1/items/{id}", [](const Request&, const PathParams&) {
    return Response::json(200, {{"id", "x"}});
  });
  router->add("GET", "/bad-status", [](const Request&, const PathParams&) {
    return Response::json(1000, {{"status", "nonsense"}});
  });
  router->add("GET", "/slow", [](const Request&, const PathParams&) {
    ++slow_requests_started;
    std::this_thread::sleep_for(400ms);
    return Response::json(200, {{"slow", true}});
  });
  return router;
}

ServerOptions test_options() {
  ServerOptions options;
  options.port = 0;
  options.io_threads = 2;
  options.worker_threads = 2;
  options.header_timeout = 400ms;
  options.body_timeout = 1s;
  options.idle_timeout = 400ms;
  options.close_linger = 1s;
  return options;
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<Server>(test_options(), test_router());
    auto started = server_->start();
    ASSERT_TRUE(started.is_ok());
    port_ = *started;
    ASSERT_NE(port_, 0);
  }
  void TearDown() override { server_->stop(); }

  std::unique_ptr<Server> server_;
  uint16_t port_ = 0;
};

size_t count_of(const std::string& text, const std::string& part) {
  size_t count = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

// A raw exchange that must end in exactly one response with `status`,
// after which the server closed the connection.
void expect_single_response_and_close(uint16_t port, const std::string& bytes, int status) {
  auto started = std::chrono::steady_clock::now();
  std::string answer = raw_exchange(port, bytes);
  auto elapsed = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(answer.rfind("HTTP/1.1 " + std::to_string(status) + " ", 0), 0u) << answer;
  EXPECT_EQ(count_of(answer, "HTTP/1."), 1u) << answer;
  EXPECT_NE(answer.find("Connection: close"), std::string::npos) << answer;
  EXPECT_NE(answer.find("{\"error\":"), std::string::npos) << answer;
  EXPECT_NE(answer.find("X-Content-Type-Options: nosniff"), std::string::npos) << answer;
  EXPECT_LT(elapsed, testing::kClientTimeout) << "the server did not close the connection";
}

TEST_F(ServerTest, ServesJsonWithSecurityHeaders) {
  auto result = request(port_, "GET", "/api/v1/items/a%20b?limit=5&q=x+y", "",
                        {{"Cookie", "tallinn_session=tok; theme=dark"}});
  ASSERT_EQ(result.status, 200);
  auto body = json::parse(result.body);
  EXPECT_EQ(body["id"], "a b");
  EXPECT_EQ(body["query"]["q"], "x y");
  EXPECT_EQ(body["cookies"]["tallinn_session"], "tok");
  EXPECT_EQ(body["client"], "127.0.0.1");
  EXPECT_EQ(result.header("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(result.header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(result.header("Cache-Control"), "no-store");
  EXPECT_EQ(result.header("X-Frame-Options"), "DENY");
  EXPECT_EQ(result.header("Referrer-Policy"), "no-referrer");
  EXPECT_EQ(result.header("Content-Security-Policy"),
            "default-src 'none'; frame-ancestors 'none'; base-uri 'none'");
  EXPECT_FALSE(result.header("Server"));
  // HSTS only over TLS (tls_test.cpp): on plain HTTP it would claim too much.
  EXPECT_FALSE(result.header("Strict-Transport-Security"));
}

TEST(ClientAddress, ForwardedForIsBelievedOnlyFromTrustedProxies) {
  const std::vector<std::string> none;
  const std::vector<std::string> proxies = {"10.0.0.1", "10.0.0.2"};
  // Not from a proxy: the header is the client's own claim and ignored.
  EXPECT_EQ(client_address("203.0.113.9", "198.51.100.7", none), "203.0.113.9");
  EXPECT_EQ(client_address("203.0.113.9", "198.51.100.7", proxies), "203.0.113.9");
  // From a proxy: the address it appended, skipping proxies in the chain,
  // never an earlier entry the client may have forged.
  EXPECT_EQ(client_address("10.0.0.1", "198.51.100.7", proxies), "198.51.100.7");
  EXPECT_EQ(client_address("10.0.0.1", "1.1.1.1, 198.51.100.7", proxies), "198.51.100.7");
  EXPECT_EQ(client_address("10.0.0.1", "1.1.1.1, 198.51.100.7, 10.0.0.2", proxies), "198.51.100.7");
  EXPECT_EQ(client_address("10.0.0.1", "2001:db8::1", proxies), "2001:db8::1");
  // Nothing usable: the proxy itself.
  EXPECT_EQ(client_address("10.0.0.1", "", proxies), "10.0.0.1");
  EXPECT_EQ(client_address("10.0.0.1", "not-an-address", proxies), "10.0.0.1");
  EXPECT_EQ(client_address("10.0.0.1", "10.0.0.2", proxies), "10.0.0.1");
}

TEST_F(ServerTest, ForwardedForFromAnUntrustedPeerIsIgnored) {
  auto answer = request(port_, "GET", "/api/v1/items/1", {}, {{"X-Forwarded-For", "198.51.100.7"}});
  EXPECT_EQ(json::parse(answer.body)["client"], "127.0.0.1");
}

TEST(ServerForwarding, ForwardedForFromATrustedProxyNamesTheClient) {
  ServerOptions options = test_options();
  options.trusted_proxies = {"127.0.0.1"};
  Server server(options, test_router());
  auto port = server.start();
  ASSERT_TRUE(port.is_ok());
  auto answer = request(*port, "GET", "/api/v1/items/1", {}, {{"X-Forwarded-For", "198.51.100.7"}});
  EXPECT_EQ(json::parse(answer.body)["client"], "198.51.100.7");
}

TEST_F(ServerTest, UnknownPathIs404AndWrongMethodIs405) {
  auto missing = request(port_, "GET", "/api/v1/nothing");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.body, error_response(not_found()).body);
  auto wrong = request(port_, "PUT", "/api/v1/items/1", "{}");
  EXPECT_EQ(wrong.status, 405);
  EXPECT_EQ(wrong.header("Allow"), "DELETE, GET, HEAD");
  EXPECT_EQ(json::parse(wrong.body)["error"]["code"], "method_not_allowed");
  EXPECT_EQ(request(port_, "TRACE", "/api/v1/items/1").status, 405);
  EXPECT_EQ(request(port_, "TRACE", "/anything").status, 405);
  EXPECT_EQ(request(port_, "BREW", "/api/v1/items/1").status, 405);
  EXPECT_EQ(request(port_, "CONNECT", "/api/v1/items/1").status, 405);
}

TEST_F(ServerTest, RepeatedQueryParameterIs400) {
  auto result = request(port_, "GET", "/api/v1/items/1?limit=1&limit=1000");
  EXPECT_EQ(result.status, 400);
  EXPECT_EQ(json::parse(result.body)["error"]["field"], "limit");
}

TEST_F(ServerTest, BadJsonBodiesAre400WithTheErrorBody) {
  std::vector<std::string> bodies = {
      "{\"a\": ",
      R"({"a": 1, "a": 2})",
      R"({"a": 1} trailing)",
      "{\"a\": \"\xC3\x28\"}",
      "{\"a\":" + std::string(64, '[') + std::string(64, ']') + "}",
      "[1]",
  };
  for (const auto& body : bodies) {
    auto result = request(port_, "POST", "/api/v1/items", body);
    EXPECT_EQ(result.status, 400) << body;
    auto error = json::parse(result.body);
    ASSERT_TRUE(error.contains("error")) << result.body;
    EXPECT_EQ(error["error"]["code"], "malformed");
    EXPECT_TRUE(error["error"]["message"].is_string());
    EXPECT_EQ(error.size(), 1u);
  }
  auto repeated = request(port_, "POST", "/api/v1/items", R"({"role": 1, "role": 2})");
  EXPECT_EQ(json::parse(repeated.body)["error"]["field"], "role");
  // 63 arrays inside the top-level object make 64 levels: accepted.
  auto deepest = "{\"a\":" + std::string(63, '[') + std::string(63, ']') + "}";
  EXPECT_EQ(request(port_, "POST", "/api/v1/items", deepest).status, 201);
}

TEST_F(ServerTest, BodiesMustBeSentAsJson) {
  for (const char* type : {"text/plain", "application/x-www-form-urlencoded",
                           "application/json; charset=latin1", "application/jsonx"}) {
    auto result = request(port_, "POST", "/api/v1/items", R"({"a": 1})", {{"Content-Type", type}});
    EXPECT_EQ(result.status, 400) << type;
    EXPECT_EQ(json::parse(result.body)["error"]["field"], "Content-Type") << type;
  }
  auto accepted = request(port_, "POST", "/api/v1/items", R"({"a": 1})",
                          {{"Content-Type", "Application/JSON; charset=\"UTF-8\""}});
  EXPECT_EQ(accepted.status, 201);
}

TEST_F(ServerTest, HandlerHeadersCannotBreakFraming) {
  HttpConnection connection(port_);
  auto deleted = connection.request("DELETE", "/api/v1/items/1");
  EXPECT_EQ(deleted.status, 204);
  EXPECT_EQ(deleted.body, "");
  EXPECT_FALSE(deleted.header("Content-Length"));
  EXPECT_FALSE(deleted.header("X-Injected"));
  EXPECT_FALSE(deleted.header("Set-Cookie"));
  EXPECT_EQ(deleted.header("X-Kept"), "yes");
  // The connection is still in step.
  EXPECT_EQ(connection.request("GET", "/api/v1/items/2").status, 200);
  EXPECT_EQ(connection.request("GET", "/bad-status").status, 500);
}

TEST_F(ServerTest, HeadGetsTheLengthWithoutTheBody) {
  HttpConnection connection(port_);
  auto head = connection.request("HEAD", "/api/v1/items/1");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.body, "");
  EXPECT_EQ(head.header("Content-Length"), "10");
  EXPECT_EQ(connection.request("GET", "/api/v1/items/2").status, 200);
}

TEST_F(ServerTest, HandlerExceptionIs500WithoutItsMessage) {
  auto result = request(port_, "GET", "/throw");
  EXPECT_EQ(result.status, 500);
  EXPECT_EQ(result.body, R"({"error":{"code":"internal","message":"internal error"}})");
  // The connection and the server survive it.
  EXPECT_EQ(request(port_, "GET", "/api/v1/items/1").status, 200);
}

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  HttpConnection connection(port_);
  auto first = connection.request("GET", "/api/v1/items/1");
  auto second = connection.request("POST", "/api/v1/items", R"({"n": 2})");
  auto third = connection.request("GET", "/api/v1/nothing");
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(second.status, 201);
  EXPECT_EQ(third.status, 404);
  auto last = connection.request("GET", "/api/v1/items/4", "", {{"Connection", "close"}});
  EXPECT_EQ(last.status, 200);
  EXPECT_TRUE(connection.closed_by_server(1s));
}

TEST_F(ServerTest, IdleKeepAliveConnectionIsClosed) {
  HttpConnection connection(port_);
  EXPECT_EQ(connection.request("GET", "/api/v1/items/1").status, 200);
  auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(connection.closed_by_server(3s));
  EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
}

TEST_F(ServerTest, ContentLengthOverTheLimitIs413BeforeTheBody) {
  expect_single_response_and_close(port_,
                                   "POST /api/v1/items HTTP/1.1\r\nHost: t\r\n"
                                   "Content-Type: application/json\r\n"
                                   "Content-Length: 2097152\r\n\r\n",
                                   413);
}

TEST_F(ServerTest, ChunkedBodyOverTheLimitIs413) {
  std::string chunk(64 * 1024, 'a');
  std::string bytes =
      "POST /api/v1/items HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 20; ++i) bytes += "10000\r\n" + chunk + "\r\n";
  bytes += "0\r\n\r\n";
  std::string answer = raw_exchange(port_, bytes);
  EXPECT_EQ(answer.rfind("HTTP/1.1 413 ", 0), 0u) << answer.substr(0, 200);
}

TEST_F(ServerTest, ChunkedBodyWithinTheLimitIsRead) {
  std::string answer = raw_exchange(port_,
                                    "POST /api/v1/items HTTP/1.1\r\nHost: t\r\n"
                                    "Content-Type: application/json\r\n"
                                    "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                                    "4\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\n\r\n");
  EXPECT_EQ(answer.rfind("HTTP/1.1 201 ", 0), 0u) << answer;
}

TEST_F(ServerTest, ExpectContinueGetsAnInterimResponse) {
  std::string answer = raw_exchange(port_,
                                    "POST /api/v1/items HTTP/1.1\r\nHost: t\r\n"
                                    "Expect: 100-continue\r\nConnection: close\r\n"
                                    "Content-Type: application/json\r\n"
                                    "Content-Length: 7\r\n\r\n{\"a\":1}");
  EXPECT_EQ(answer.rfind("HTTP/1.1 100 Continue\r\n", 0), 0u) << answer;
  EXPECT_NE(answer.find("HTTP/1.1 201 "), std::string::npos) << answer;
}

TEST_F(ServerTest, HugeHeaderIs431) {
  expect_single_response_and_close(
      port_,
      "GET /api/v1/items/1 HTTP/1.1\r\nHost: t\r\nX-Big: " + std::string(20000, 'x') + "\r\n\r\n",
      431);
}

// Sends `bytes` and expects the server to close the connection within the
// test timeouts, without an answer.
void expect_closed_without_answer(uint16_t port, const std::string& bytes) {
  HttpConnection connection(port);
  ASSERT_TRUE(bytes.empty() || connection.send_raw(bytes));
  auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(connection.read_until_close(4s), "");
  EXPECT_LT(std::chrono::steady_clock::now() - started, 2500ms);
}

TEST_F(ServerTest, HalfAHeaderTimesOut) {
  expect_closed_without_answer(port_, "GET /api/v1/items/1 HTTP/1.1\r\nHo");
}

TEST_F(ServerTest, SilentConnectionTimesOut) { expect_closed_without_answer(port_, ""); }

TEST_F(ServerTest, SlowBodyTimesOut) {
  expect_closed_without_answer(
      port_, "POST /api/v1/items HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n{\"a\"");
}

TEST_F(ServerTest, AmbiguousFramingIs400AndCloses) {
  const std::string smuggled = "GET /api/v1/items/smuggled HTTP/1.1\r\nHost: t\r\n\r\n";
  const std::string framings[] = {
      // Content-Length and chunked together, in both orders.
      "POST /api/v1/items HTTP/1.1\r\nHost: t\r\nContent-Length: 6\r\n"
      "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n" +
          smuggled,
      "POST /api/v1/items HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n"
      "Content-Length: 6\r\n\r\n0\r\n\r\n" +
          smuggled,
      // Two different Content-Lengths, and the same one twice.
      "POST /api/v1/items HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n"
      "Content-Length: 50\r\n\r\n{}" +
          smuggled,
      "POST /api/v1/items HTTP/1.1\r\nHost: t\r\nContent-Length: 2, 50\r\n\r\n{}" + smuggled,
      "POST /api/v1/items HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n"
      "Content-Length: 2\r\n\r\n{}" +
          smuggled,
      "POST /api/v1/items HTTP/1.1\r\nHost: t\r\nContent-Length: -2\r\n\r\n{}" + smuggled,
      // A bad chunk size.
      "POST /api/v1/items HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
      "zz\r\n{}\r\n0\r\n\r\n" +
          smuggled,
      // Transfer-Encodings Beast would read as "no body".
      "POST /api/v1/items HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\n\r\n" + smuggled,
      "POST /api/v1/items HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked, identity\r\n\r\n" +
          smuggled,
      "POST /api/v1/items HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: identity\r\n"
      "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n" +
          smuggled,
      "POST /api/v1/items HTTP/1.1\r\nHost: t\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n" +
          smuggled,
      "POST /api/v1/items HTTP/1.1\r\nHost: t\r\nTransfer-Encoding:\r\n chunked\r\n\r\n" + smuggled,
      // Chunked in HTTP/1.0, which has no chunked encoding.
      "POST /api/v1/items HTTP/1.0\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" +
          smuggled,
      // Host missing, repeated; credentials repeated.
      "GET /api/v1/items/1 HTTP/1.1\r\n\r\n" + smuggled,
      "GET /api/v1/items/1 HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n" + smuggled,
      "GET /api/v1/items/1 HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer a\r\n"
      "Authorization: Bearer b\r\n\r\n" +
          smuggled,
      // Broken request lines and header lines.
      "GET /api/v1/items/1 HTTP/1.1\nHost: t\n\n" + smuggled,
      "GET  /api/v1/items/1 HTTP/1.1\r\nHost: t\r\n\r\n" + smuggled,
      "GET /api/v1/items/1 HTTP/9.1\r\nHost: t\r\n\r\n" + smuggled,
      "GET /api/v1/items/1 HTTP/1.1\r\nHost: t\r\nBad Header: x\r\n\r\n" + smuggled,
  };
  for (const auto& bytes : framings) {
    SCOPED_TRACE(bytes);
    std::string answer = raw_exchange(port_, bytes);
    EXPECT_EQ(answer.rfind("HTTP/1.", 0), 0u) << answer;
    EXPECT_NE(answer.find(" 400 Bad Request\r\n"), std::string::npos) << answer;
    EXPECT_EQ(count_of(answer, "HTTP/1."), 1u) << answer;
    EXPECT_EQ(answer.find("smuggled"), std::string::npos) << answer;
  }
}

TEST_F(ServerTest, ConcurrentClientsAreAllServed) {
  std::atomic<int> ok{0};
  std::vector<std::thread> clients;
  for (int client = 0; client < 8; ++client) {
    clients.emplace_back([&, client] {
      HttpConnection connection(port_);
      for (int i = 0; i < 10; ++i) {
        auto id = std::to_string(client * 100 + i);
        auto result = connection.request("GET", "/api/v1/items/" + id);
        if (result.status == 200 && json::parse(result.body)["id"] == id) ++ok;
      }
    });
  }
  for (auto& thread : clients) thread.join();
  EXPECT_EQ(ok.load(), 80);
}

TEST(ServerLifecycle, StopLetsARequestInProgressFinish) {
  Server server(test_options(), test_router());
  auto port = server.start();
  ASSERT_TRUE(port.is_ok());
  testing::HttpResult slow;
  HttpConnection idle(*port);
  ASSERT_EQ(idle.request("GET", "/api/v1/items/1").status, 200);
  int started_before = slow_requests_started;
  std::thread client([&] { slow = request(*port, "GET", "/slow"); });
  for (int i = 0; i < 500 && slow_requests_started == started_before; ++i) {
    std::this_thread::sleep_for(10ms);
  }
  server.stop();
  client.join();
  EXPECT_EQ(slow.status, 200);
  EXPECT_EQ(slow.header("Connection"), "close");
  EXPECT_TRUE(idle.closed_by_server(1s));
  EXPECT_EQ(request(*port, "GET", "/api/v1/items/1").status, 0);  // no longer accepting
  server.stop();                                                  // idempotent
}

TEST(ServerLifecycle, RunUntilSignalStopsOnSigterm) {
  Server server(test_options(), test_router());
  auto port = server.start();
  ASSERT_TRUE(port.is_ok());
  std::thread runner([&] { server.run_until_signal(); });
  std::this_thread::sleep_for(300ms);  // let run_until_signal install its handler
  std::raise(SIGTERM);
  runner.join();
  EXPECT_EQ(request(*port, "GET", "/api/v1/items/1").status, 0);
}

TEST(ServerLifecycle, RunUntilSignalReturnsWhenStoppedElsewhere) {
  Server server(test_options(), test_router());
  ASSERT_TRUE(server.start().is_ok());
  std::thread runner([&] { server.run_until_signal(); });
  std::this_thread::sleep_for(100ms);
  server.stop();
  runner.join();
}

TEST(ServerLifecycle, PortInUseIsAnError) {
  Server first(test_options(), test_router());
  auto port = first.start();
  ASSERT_TRUE(port.is_ok());
  ServerOptions options = test_options();
  options.port = *port;
  Server second(options, test_router());
  auto refused = second.start();
  ASSERT_FALSE(refused.is_ok());
  EXPECT_EQ(refused.status().code(), ErrorCode::kUnavailable);
}

TEST(ServerLifecycle, ConnectionsOverTheLimitGet503) {
  ServerOptions options = test_options();
  options.max_connections = 1;
  options.idle_timeout = 2s;
  options.header_timeout = 2s;
  Server server(options, test_router());
  auto port = server.start();
  ASSERT_TRUE(port.is_ok());
  HttpConnection holder(*port);
  ASSERT_EQ(holder.request("GET", "/api/v1/items/1").status, 200);  // accepted, kept alive
  std::string answer = raw_exchange(*port, "GET /api/v1/items/1 HTTP/1.1\r\nHost: t\r\n\r\n");
  EXPECT_EQ(answer.rfind("HTTP/1.1 503 ", 0), 0u) << answer;
}

}  // namespace
}  // namespace tallinn::http

namespace tallinn::http {
namespace {

// read_request() is the session's reading without a socket (the fuzzer's
// way in): it must refuse what the server refuses and build what it builds.
TEST(ReadRequest, BuildsTheRequestAHandlerSees) {
  ServerOptions options;
  WireRead read = read_request(
      "POST /api/v1/needs?limit=5 HTTP/1.1\r\nHost: x\r\nCookie: a=1\r\n"
      "Content-Length: 2\r\n\r\n{}",
      options, "192.0.2.1");
  ASSERT_TRUE(read.request.has_value());
  EXPECT_EQ(read.request->method, "POST");
  EXPECT_EQ(read.request->path, "/api/v1/needs");
  EXPECT_EQ(read.request->query_param("limit"), "5");
  EXPECT_EQ(read.request->cookies.at("a"), "1");
  EXPECT_EQ(read.request->body, "{}");
  EXPECT_EQ(read.request->client_address, "192.0.2.1");
}

TEST(ReadRequest, RefusesAsTheServerDoes) {
  ServerOptions options;
  options.header_limit = 256;
  options.body_limit = 8;
  auto status_of = [&](std::string_view wire) {
    WireRead read = read_request(wire, options, "192.0.2.1");
    return read.refusal ? read.refusal->status : read.request ? 0 : -1;
  };
  EXPECT_EQ(status_of("GET / HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n"), 400);
  EXPECT_EQ(status_of("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n"), 400);
  EXPECT_EQ(status_of("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99\r\n\r\n"), 413);
  EXPECT_EQ(status_of("GET / HTTP/1.1\r\nHost: x\r\nX: " + std::string(300, 'a') + "\r\n\r\n"),
            431);
  EXPECT_EQ(status_of("GET /a?b=%zz HTTP/1.1\r\nHost: x\r\n\r\n"), 400);
  EXPECT_EQ(status_of("GET / HTTP/1.1\r\nHost: x\r\n"), -1);  // not over yet
  EXPECT_EQ(status_of("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), 0);
}

}  // namespace
}  // namespace tallinn::http
