// `serve` over TLS: a throwaway self-signed certificate made with Debian's
// openssl command, a real TLS client (Boost.Asio ssl), and the server's
// limits checked again on the encrypted stream.
#include <gtest/gtest.h>
#include <openssl/ssl.h>
#include <stdlib.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <thread>

#include "http/json.h"
#include "http/server.h"
#include "support/http_client.h"

namespace tallinn::http {
namespace {

using namespace std::chrono_literals;
namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
using tcp = net::ip::tcp;

// A temporary directory holding a fresh key and certificate for localhost.
class Certificates {
 public:
  Certificates() {
    std::string pattern = (std::filesystem::temp_directory_path() / "tallinn-tls-XXXXXX").string();
    dir_ = mkdtemp(pattern.data());
    make_key_and_certificate("key.pem", "cert.pem");
  }
  ~Certificates() { std::filesystem::remove_all(dir_); }

  // Writes a new P-256 key and a self-signed certificate for localhost and
  // 127.0.0.1; true on success.
  bool make_key_and_certificate(const std::string& key, const std::string& certificate) {
    std::string command =
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 "
        "-nodes -days 2 -subj /CN=localhost "
        "-addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout '" +
        path(key) + "' -out '" + path(certificate) + "' 2>/dev/null";
    return std::system(command.c_str()) == 0;
  }

  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(path(name)) << text;
  }

 private:
  std::filesystem::path dir_;
};

enum class ClientProtocol { kDefault, kTls12Only, kTls11Only };

struct TlsExchange {
  bool handshake_ok = false;
  std::string answer;   // everything read until the server closed
  bool closed = false;  // the server ended the connection before the deadline
};

// Connects with TLS (verifying the server against `ca_file` as localhost),
// sends `bytes`, reads until the server closes or `timeout` passes.
TlsExchange tls_exchange(uint16_t port, const std::string& ca_file, const std::string& bytes,
                         ClientProtocol protocol = ClientProtocol::kDefault,
                         std::chrono::milliseconds timeout = testing::kClientTimeout) {
  net::io_context ioc;
  ssl::context context(ssl::context::tls_client);
  context.load_verify_file(ca_file);
  context.set_verify_mode(ssl::verify_peer);
  context.set_verify_callback(ssl::host_name_verification("localhost"));
  SSL_CTX* native = context.native_handle();
  if (protocol == ClientProtocol::kTls12Only) {
    SSL_CTX_set_max_proto_version(native, TLS1_2_VERSION);
  } else if (protocol == ClientProtocol::kTls11Only) {
    // What an old client offers: TLS 1.1 at most, with the legacy ciphers
    // that need security level 0 in OpenSSL 3.
    SSL_CTX_set_security_level(native, 0);
    SSL_CTX_set_cipher_list(native, "DEFAULT@SECLEVEL=0");
    SSL_CTX_set_min_proto_version(native, TLS1_1_VERSION);
    SSL_CTX_set_max_proto_version(native, TLS1_1_VERSION);
  }
  beast::ssl_stream<beast::tcp_stream> stream(ioc, context);
  SSL_set_tlsext_host_name(stream.native_handle(), "localhost");
  TlsExchange result;
  beast::flat_buffer buffer;
  std::function<void()> read_more = [&] {
    stream.async_read_some(buffer.prepare(4096), [&](beast::error_code ec, std::size_t bytes_read) {
      buffer.commit(bytes_read);
      if (ec) {
        result.closed = true;
        return;
      }
      read_more();
    });
  };
  beast::get_lowest_layer(stream).async_connect(
      tcp::endpoint(net::ip::make_address("127.0.0.1"), port), [&](beast::error_code ec) {
        if (ec) return;
        stream.async_handshake(ssl::stream_base::client, [&](beast::error_code handshake_ec) {
          if (handshake_ec) {
            result.closed = true;
            return;
          }
          result.handshake_ok = true;
          net::async_write(stream, net::buffer(bytes),
                           [&](beast::error_code write_ec, std::size_t) {
                             if (write_ec) {
                               result.closed = true;
                               return;
                             }
                             read_more();
                           });
        });
      });
  ioc.run_for(timeout);
  result.answer = beast::buffers_to_string(buffer.data());
  return result;
}

std::string get(const std::string& target) {
  return "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
}

std::shared_ptr<Router> tls_router() {
  auto router = std::make_shared<Router>();
  router->add("GET", "/api/v1/items/{id}", [](const Request& request, const PathParams& params) {
    return Response::json(200, {{"id", params["id"]}, {"client", request.client_address}});
  });
  return router;
}

class TlsServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(std::filesystem::exists(certificates_.path("cert.pem")))
        << "openssl req failed: is the openssl package installed?";
    options_.io_threads = 2;
    options_.worker_threads = 2;
    options_.header_timeout = 500ms;
    options_.idle_timeout = 500ms;
    options_.close_linger = 500ms;
    options_.tls_certificate_file = certificates_.path("cert.pem");
    options_.tls_private_key_file = certificates_.path("key.pem");
  }
  void start() {
    server_ = std::make_unique<Server>(options_, tls_router());
    auto started = server_->start();
    ASSERT_TRUE(started.is_ok()) << started.status().to_string();
    port_ = *started;
  }
  void TearDown() override {
    if (server_) server_->stop();
  }
  TlsExchange exchange(const std::string& bytes,
                       ClientProtocol protocol = ClientProtocol::kDefault) {
    return tls_exchange(port_, certificates_.path("cert.pem"), bytes, protocol);
  }

  Certificates certificates_;
  ServerOptions options_;
  std::unique_ptr<Server> server_;
  uint16_t port_ = 0;
};

TEST_F(TlsServerTest, ServesOverTlsWithHsts) {
  start();
  for (auto protocol : {ClientProtocol::kDefault, ClientProtocol::kTls12Only}) {
    TlsExchange result = exchange(get("/api/v1/items/7"), protocol);
    ASSERT_TRUE(result.handshake_ok);
    EXPECT_EQ(result.answer.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << result.answer;
    EXPECT_NE(result.answer.find(
                  "\r\nStrict-Transport-Security: max-age=31536000; includeSubDomains\r\n"),
              std::string::npos)
        << result.answer;
    EXPECT_NE(result.answer.find(R"({"client":"127.0.0.1","id":"7"})"), std::string::npos)
        << result.answer;
    EXPECT_TRUE(result.closed) << "Connection: close was not honoured";
  }
}

TEST_F(TlsServerTest, ATls11OnlyClientIsRefused) {
  start();
  TlsExchange old = exchange(get("/api/v1/items/1"), ClientProtocol::kTls11Only);
  EXPECT_FALSE(old.handshake_ok);
  EXPECT_TRUE(old.closed);
  EXPECT_EQ(old.answer, "");
  // The server carries on for everyone else.
  EXPECT_TRUE(exchange(get("/api/v1/items/1")).handshake_ok);
}

TEST_F(TlsServerTest, PlainHttpToTheTlsPortFailsCleanly) {
  start();
  auto started = std::chrono::steady_clock::now();
  std::string answer = testing::raw_exchange(port_, get("/api/v1/items/1"));
  EXPECT_LT(std::chrono::steady_clock::now() - started, testing::kClientTimeout)
      << "the server did not close the connection";
  EXPECT_EQ(answer.find("HTTP/1."), std::string::npos) << "served in the clear: " << answer;
  EXPECT_EQ(answer.find("\"id\""), std::string::npos);
  EXPECT_TRUE(exchange(get("/api/v1/items/1")).handshake_ok);
}

TEST_F(TlsServerTest, ServerLimitsHoldOverTls) {
  options_.header_limit = 1024;
  start();
  // 431 for a header over the limit.
  std::string big =
      "GET /api/v1/items/1 HTTP/1.1\r\nHost: localhost\r\nX-Pad: " + std::string(2048, 'a') +
      "\r\n\r\n";
  TlsExchange too_large = exchange(big);
  EXPECT_EQ(too_large.answer.rfind("HTTP/1.1 431 ", 0), 0u) << too_large.answer;
  EXPECT_TRUE(too_large.closed);
  // A smuggling form: Content-Length with Transfer-Encoding is 400 and closed,
  // and the bytes after it are never read as a second request.
  std::string smuggled =
      "POST /api/v1/items/1 HTTP/1.1\r\nHost: localhost\r\nContent-Length: 4\r\n"
      "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n" +
      get("/api/v1/items/2");
  TlsExchange framing = exchange(smuggled);
  EXPECT_EQ(framing.answer.rfind("HTTP/1.1 400 ", 0), 0u) << framing.answer;
  EXPECT_NE(framing.answer.find("Connection: close"), std::string::npos) << framing.answer;
  EXPECT_EQ(framing.answer.find("\"id\":\"2\""), std::string::npos) << framing.answer;
  EXPECT_TRUE(framing.closed);
  // A slow client: half a header, then nothing; closed after header_timeout.
  auto started = std::chrono::steady_clock::now();
  TlsExchange slow = exchange("GET /api/v1/items/1 HTTP/1.1\r\nHost: loc");
  EXPECT_TRUE(slow.handshake_ok);
  EXPECT_TRUE(slow.closed) << "a stalled header was not timed out";
  EXPECT_LT(std::chrono::steady_clock::now() - started, 3s);
  EXPECT_EQ(slow.answer, "");
}

TEST_F(TlsServerTest, AStalledHandshakeIsClosedAndCountsAsAConnection) {
  options_.max_connections = 1;
  options_.header_timeout = 1500ms;
  start();
  // Plain TCP that never starts the handshake holds the only connection...
  testing::HttpConnection stalled(port_);
  std::this_thread::sleep_for(100ms);
  // ...so a real client is answered 503 over TLS.
  TlsExchange busy = exchange(get("/api/v1/items/1"));
  EXPECT_TRUE(busy.handshake_ok);
  EXPECT_EQ(busy.answer.rfind("HTTP/1.1 503 ", 0), 0u) << busy.answer;
  // The stalled handshake is timed out like a stalled header.
  EXPECT_TRUE(stalled.closed_by_server(3s));
}

TEST(TlsServerOptions, BadFilesAreRefusedNamingTheFlag) {
  Certificates certificates;
  certificates.write("garbage.pem", "not a certificate\n");
  ASSERT_TRUE(certificates.make_key_and_certificate("other-key.pem", "other-cert.pem"));
  auto field_of = [&](const std::string& certificate, const std::string& key) {
    ServerOptions options;
    options.tls_certificate_file = certificate.empty() ? "" : certificates.path(certificate);
    options.tls_private_key_file = key.empty() ? "" : certificates.path(key);
    Server server(options, tls_router());
    auto started = server.start();
    EXPECT_FALSE(started.is_ok());
    if (started.is_ok()) return std::string("started");
    EXPECT_EQ(started.status().code(), ErrorCode::kInvalid);
    return started.status().field();
  };
  EXPECT_EQ(field_of("missing.pem", "key.pem"), "--tls-cert");
  EXPECT_EQ(field_of("garbage.pem", "key.pem"), "--tls-cert");
  EXPECT_EQ(field_of("key.pem", "key.pem"), "--tls-cert");
  EXPECT_EQ(field_of("cert.pem", "missing.pem"), "--tls-key");
  EXPECT_EQ(field_of("cert.pem", "garbage.pem"), "--tls-key");
  EXPECT_EQ(field_of("cert.pem", "other-key.pem"), "--tls-key");
  EXPECT_EQ(field_of("cert.pem", ""), "--tls-key");
  EXPECT_EQ(field_of("", "key.pem"), "--tls-cert");
}

}  // namespace
}  // namespace tallinn::http
