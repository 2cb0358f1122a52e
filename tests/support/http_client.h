// A small HTTP/1.1 client for tests, talking to 127.0.0.1. Every call has a
// deadline, so a server that misbehaves fails a test instead of hanging it.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tallinn::testing {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpResult {
  int status = 0;  // 0 when no response arrived (refused, reset, timed out)
  HeaderList headers;
  std::string body;
  // The first header of that name, case-insensitive.
  std::optional<std::string> header(std::string_view name) const;
};

inline constexpr std::chrono::milliseconds kClientTimeout{5'000};

// One request on a fresh connection. Host, Connection: close and, for a
// body, Content-Length and (unless given) Content-Type: application/json are
// added.
HttpResult request(uint16_t port, std::string_view method, std::string_view target,
                   std::string_view body = {}, const HeaderList& headers = {});

// Sends `bytes` as they are, half-closes, and returns everything the server
// sends back until it closes the connection or `timeout` passes.
std::string raw_exchange(uint16_t port, const std::string& bytes,
                         std::chrono::milliseconds timeout = kClientTimeout);

// A kept-alive connection for several requests in a row.
class HttpConnection {
 public:
  explicit HttpConnection(uint16_t port);
  ~HttpConnection();
  HttpResult request(std::string_view method, std::string_view target, std::string_view body = {},
                     const HeaderList& headers = {});
  // Sends raw bytes without reading.
  bool send_raw(const std::string& bytes);
  // Half-closes: the server reads end-of-stream after what was sent.
  void finish_sending();
  // Everything the server sends until it closes or `timeout` passes.
  std::string read_until_close(std::chrono::milliseconds timeout = kClientTimeout);
  // True when the server has closed the connection (reads EOF or a reset
  // within `timeout`).
  bool closed_by_server(std::chrono::milliseconds timeout = kClientTimeout);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace tallinn::testing
