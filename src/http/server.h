// The HTTP/1.1 server: a Beast listener and one session per connection.
//
// I/O runs on `io_threads` threads; every session is confined to its own
// strand. Handlers never run there: each complete request is posted to a
// pool of `worker_threads`, and the response is posted back to the
// session's strand to be written. One request per connection is in progress
// at a time (no pipelining); keep-alive is honoured.
//
// What the server answers by itself, always with api.md's error body and
// closing the connection afterwards: 400 for a request that does not parse
// or whose framing is ambiguous (Transfer-Encoding other than a single
// "chunked", Transfer-Encoding in HTTP/1.0, conflicting Content-Lengths, a
// missing or repeated Host, a repeated Authorization, Cookie, Content-Type
// or Content-Length); 413 for a Content-Length over body_limit (before reading
// the body) or a chunked body that grows over it; 431 for a header over
// header_limit; 503 when max_connections are open. A connection that is too
// slow (see the timeouts) is closed without an answer.
//
// With TLS (ServerOptions::tls_certificate_file and tls_private_key_file)
// the port speaks only HTTPS: TLS 1.2 or 1.3, forward-secret AEAD ciphers,
// no renegotiation, no compression. The handshake runs under header_timeout
// and counts against max_connections like any connection; every limit above
// holds unchanged on the decrypted stream, since one session template serves
// both. Plain HTTP sent to a TLS port fails the handshake and is closed
// without an answer. Responses over TLS also carry Strict-Transport-Security.
//
// Every response gets the security headers of add_security_headers(). One
// log line per request (observe::log_request: method, route pattern, status,
// duration, peer); bodies, targets and header values are never logged.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "http/router.h"

namespace tallinn::observe {
class Metrics;
}

namespace tallinn::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 0;  // 0: an ephemeral port, see Server::start()
  int io_threads = 1;
  int worker_threads = 4;
  size_t body_limit = 1 << 20;
  size_t header_limit = 16 << 10;
  size_t max_connections = 1024;
  // From the first byte of a request to the end of its header.
  std::chrono::milliseconds header_timeout{10'000};
  // From the end of the header to the end of the body.
  std::chrono::milliseconds body_timeout{30'000};
  // How long a kept-alive connection may wait for its next request.
  std::chrono::milliseconds idle_timeout{30'000};
  std::chrono::milliseconds write_timeout{30'000};
  // After an error response the server stops sending and reads (and drops)
  // what the client still sends for this long, so that the client sees the
  // response rather than a connection reset.
  std::chrono::milliseconds close_linger{1'000};
  // stop(): how long requests in progress may take to finish.
  std::chrono::milliseconds stop_timeout{10'000};
  // Addresses of reverse proxies whose X-Forwarded-For is believed. Empty:
  // the header is ignored and the client is the connection's peer, so no
  // client can choose the address its rate limits are counted under.
  std::vector<std::string> trusted_proxies;
  // PEM files; both set: serve HTTPS only, both empty: plain HTTP. Read by
  // start(), so a bad file stops the server before it listens.
  std::string tls_certificate_file;  // the chain, leaf certificate first
  std::string tls_private_key_file;  // unencrypted (no passphrase prompt)
  // Counts every answered request when set; must outlive the Server.
  observe::Metrics* metrics = nullptr;
};

// The client address of a request from `peer` carrying X-Forwarded-For
// `forwarded_for` (all of its values joined with commas; empty when absent):
// when `peer` is a trusted proxy, the rightmost listed address that is not a
// trusted proxy itself (earlier entries are whatever the client wrote);
// otherwise, or when the list holds no usable address, `peer`.
std::string client_address(const std::string& peer, std::string_view forwarded_for,
                           const std::vector<std::string>& trusted_proxies);

// One request read from `wire` the way a connection's session reads it
// (Beast's parser with the options' limits, the framing checks, the target
// split, cookies, the client address as seen from `peer`), without a network:
// the fuzzer's way in (fuzz/http_request_fuzzer.cpp) and a test's.
struct WireRead {
  std::optional<Request> request;   // a whole request, as handlers would see it
  std::optional<Response> refusal;  // or the error the server answers with
  // Neither: the bytes end before the request does (the server would wait).
};
WireRead read_request(std::string_view wire, const ServerOptions& options, const std::string& peer);

namespace detail {
class ServerCore;
}

class Server {
 public:
  // `router` must be complete: routes are not added while serving.
  Server(ServerOptions options, std::shared_ptr<const Router> router);
  // Calls stop().
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds, listens and starts the threads; returns the bound port (the
  // ephemeral one when options.port is 0). kUnavailable when the address
  // cannot be bound; kInvalid naming "--tls-cert" or "--tls-key" when a TLS
  // file is missing, unreadable, not PEM, or the key does not match the
  // certificate (or only one of the two is given); kInternal when called
  // twice.
  Result<uint16_t> start();

  // Graceful stop: stops accepting, closes idle connections, lets requests
  // in progress finish (up to options.stop_timeout; a handler that is still
  // running then is waited for, since a thread cannot be cancelled), then
  // joins every thread. Idempotent; safe from any thread but a handler.
  void stop();

  // After start(): blocks until SIGINT or SIGTERM (or until stop() is called
  // from elsewhere), then stops.
  void run_until_signal();

 private:
  std::unique_ptr<detail::ServerCore> core_;
};

}  // namespace tallinn::http
