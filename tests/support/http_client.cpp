#include "support/http_client.h"

#include <array>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <functional>

namespace tallinn::testing {

namespace beast = boost::beast;
namespace net = boost::asio;
namespace bhttp = boost::beast::http;
using tcp = boost::asio::ip::tcp;

std::optional<std::string> HttpResult::header(std::string_view name) const {
  for (const auto& [field, value] : headers) {
    if (beast::iequals(field, {name.data(), name.size()})) return value;
  }
  return std::nullopt;
}

// Asynchronous operations run to completion on a private io_context, so
// that tcp_stream's deadlines apply.
struct HttpConnection::State {
  net::io_context ioc;
  beast::tcp_stream stream{ioc};
  beast::flat_buffer buffer;
  bool connected = false;

  void run() {
    ioc.restart();
    ioc.run();
  }

  bool connect(uint16_t port) {
    beast::error_code result = net::error::timed_out;
    stream.expires_after(kClientTimeout);
    stream.async_connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port),
                         [&](beast::error_code ec) { result = ec; });
    run();
    connected = !result;
    return connected;
  }

  bool write(const std::string& bytes) {
    beast::error_code result = net::error::timed_out;
    stream.expires_after(kClientTimeout);
    net::async_write(stream, net::buffer(bytes),
                     [&](beast::error_code ec, std::size_t) { result = ec; });
    run();
    return !result;
  }

  HttpResult exchange(std::string_view method, std::string_view target, std::string_view body,
                      const HeaderList& headers) {
    HttpResult result;
    if (!connected) return result;
    bhttp::request<bhttp::string_body> message;
    message.method_string({method.data(), method.size()});
    message.target({target.data(), target.size()});
    message.version(11);
    message.set(bhttp::field::host, "127.0.0.1");
    for (const auto& [name, value] : headers) message.insert(name, value);
    if (!body.empty() && message.find(bhttp::field::content_type) == message.end()) {
      message.set(bhttp::field::content_type, "application/json");
    }
    message.body() = std::string(body);
    if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
      message.prepare_payload();
    }

    beast::error_code write_ec = net::error::timed_out;
    stream.expires_after(kClientTimeout);
    bhttp::async_write(stream, message, [&](beast::error_code ec, std::size_t) { write_ec = ec; });
    run();

    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 << 20);
    parser.skip(method == "HEAD");
    beast::error_code read_ec = net::error::timed_out;
    stream.expires_after(kClientTimeout);
    bhttp::async_read(stream, buffer, parser,
                      [&](beast::error_code ec, std::size_t) { read_ec = ec; });
    run();
    if (read_ec) return result;
    auto& response = parser.get();
    result.status = static_cast<int>(response.result_int());
    for (const auto& field : response) {
      result.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    result.body = std::move(response.body());
    return result;
  }

  // Reads until EOF, an error or the deadline; returns what arrived.
  std::string read_all(std::chrono::milliseconds timeout, bool* closed) {
    std::string received(buffer.size(), '\0');
    net::buffer_copy(net::buffer(received), buffer.data());
    buffer.consume(buffer.size());
    std::array<char, 4096> chunk;
    *closed = false;
    stream.expires_after(timeout);
    std::function<void()> read_more = [&] {
      stream.async_read_some(net::buffer(chunk), [&](beast::error_code ec, std::size_t n) {
        received.append(chunk.data(), n);
        if (ec) {
          *closed = ec != beast::error::timeout;
          return;
        }
        read_more();
      });
    };
    read_more();
    run();
    return received;
  }
};

HttpConnection::HttpConnection(uint16_t port) : state_(std::make_unique<State>()) {
  state_->connect(port);
}

HttpConnection::~HttpConnection() {
  beast::error_code ignored;
  state_->stream.socket().close(ignored);
}

HttpResult HttpConnection::request(std::string_view method, std::string_view target,
                                   std::string_view body, const HeaderList& headers) {
  return state_->exchange(method, target, body, headers);
}

bool HttpConnection::send_raw(const std::string& bytes) { return state_->write(bytes); }

bool HttpConnection::closed_by_server(std::chrono::milliseconds timeout) {
  bool closed = false;
  state_->read_all(timeout, &closed);
  return closed;
}

HttpResult request(uint16_t port, std::string_view method, std::string_view target,
                   std::string_view body, const HeaderList& headers) {
  HttpConnection connection(port);
  HeaderList with_close = headers;
  with_close.emplace_back("Connection", "close");
  return connection.request(method, target, body, with_close);
}

void HttpConnection::finish_sending() {
  beast::error_code ignored;
  state_->stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

std::string HttpConnection::read_until_close(std::chrono::milliseconds timeout) {
  bool closed = false;
  return state_->read_all(timeout, &closed);
}

std::string raw_exchange(uint16_t port, const std::string& bytes,
                         std::chrono::milliseconds timeout) {
  HttpConnection connection(port);
  connection.send_raw(bytes);
  connection.finish_sending();
  return connection.read_until_close(timeout);
}

}  // namespace tallinn::testing
