// Shaped like Beast 1.74's advanced_server.cpp: the request -> response
// function first, then the session, then the listener, then Server.
#include "http/server.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <fstream>
#include <future>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "http/cookies.h"
#include "http/errors.h"
#include "observe/logging.h"
#include "observe/metrics.h"

namespace tallinn::http {

std::string client_address(const std::string& peer, std::string_view forwarded_for,
                           const std::vector<std::string>& trusted_proxies) {
  auto trusted = [&](std::string_view address) {
    return std::find(trusted_proxies.begin(), trusted_proxies.end(), address) !=
           trusted_proxies.end();
  };
  if (forwarded_for.empty() || !trusted(peer)) return peer;
  // Walk from the right: each trusted proxy appended the address it saw.
  while (!forwarded_for.empty()) {
    size_t comma = forwarded_for.rfind(',');
    std::string_view entry =
        comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1);
    forwarded_for =
        comma == std::string_view::npos ? std::string_view() : forwarded_for.substr(0, comma);
    while (!entry.empty() && (entry.front() == ' ' || entry.front() == '\t'))
      entry.remove_prefix(1);
    while (!entry.empty() && (entry.back() == ' ' || entry.back() == '\t')) entry.remove_suffix(1);
    boost::system::error_code invalid;
    auto address = boost::asio::ip::make_address(std::string(entry), invalid);
    if (invalid) return peer;  // a garbled list names nobody
    std::string canonical = address.to_string();
    if (!trusted(canonical)) return canonical;
  }
  return peer;
}

namespace beast = boost::beast;
namespace net = boost::asio;
namespace bhttp = boost::beast::http;
namespace ssl = boost::asio::ssl;
using tcp = boost::asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

// The pure part: a request in, a response out. Runs on a worker thread.
Router::Outcome handle_request(const Router& router, const Request& request) {
  try {
    return router.dispatch(request);
  } catch (const std::exception& exception) {
    spdlog::error("http handler threw: method={} path={} what={}", request.method, request.path,
                  exception.what());
  } catch (...) {
    spdlog::error("http handler threw a non-exception: method={} path={}", request.method,
                  request.path);
  }
  return {error_response(internal_error()), ""};
}

std::string_view view(beast::string_view text) { return {text.data(), text.size()}; }

bool is_single_chunked(std::string_view value) {
  return iequals(trim_whitespace(value), "chunked");
}

// Whether a handler's header may be written. Beast 1.74 writes values as
// given, so a CR or LF would split the response; framing and connection
// headers belong to the server, and a handler's copy could desynchronise
// the client.
bool is_allowed_header(std::string_view name, std::string_view value) {
  if (name.empty()) return false;
  for (unsigned char c : name) {
    if (c <= 0x20 || c >= 0x7f || c == ':') return false;
  }
  for (unsigned char c : value) {
    if ((c < 0x20 && c != '\t') || c == 0x7f) return false;
  }
  for (std::string_view reserved : {"Content-Length", "Transfer-Encoding", "Connection",
                                    "Keep-Alive", "Upgrade", "Content-Type", "Trailer"}) {
    if (iequals(name, reserved)) return false;
  }
  return true;
}

// The wire form of a handler's Response, with the security headers added.
// Never throws on what a handler can put in a Response: a status outside
// 200..599 becomes a 500 (Beast throws on some), a forbidden header is
// dropped; both are logged as the bugs they are.
std::shared_ptr<bhttp::response<bhttp::string_body>> to_message(Response response, unsigned version,
                                                                bool keep_alive, bool head,
                                                                bool tls) {
  if (response.status < 200 || response.status > 599) {
    spdlog::error("http handler answered status {}", response.status);
    response = error_response(internal_error());
  }
  add_security_headers(response);
  // Only over TLS: browsers ignore it on plain HTTP, and sending it there
  // would claim a protection the connection does not have.
  if (tls) {
    response.headers.emplace_back("Strict-Transport-Security",
                                  "max-age=31536000; includeSubDomains");
  }
  auto message = std::make_shared<bhttp::response<bhttp::string_body>>();
  message->version(version);
  message->result(static_cast<unsigned>(response.status));
  for (auto& [name, value] : response.headers) {
    if (!is_allowed_header(name, value)) {
      spdlog::error("http handler set a header the server does not pass on");
      continue;
    }
    message->insert(name, value);
  }
  message->keep_alive(keep_alive);
  if (response.status == 204 || response.status == 304) return message;  // no body, no length
  if (!response.content_type.empty()) {
    message->set(bhttp::field::content_type, response.content_type);
  }
  message->body() = std::move(response.body);
  message->prepare_payload();
  if (head) message->body().clear();  // the length of the body a GET would get, no body
  return message;
}

size_t count_fields(const bhttp::fields& fields, bhttp::field name) {
  auto range = fields.equal_range(name);
  return static_cast<size_t>(std::distance(range.first, range.second));
}

// Framing and header checks Beast's parser leaves to us. Beast already
// refuses Content-Length with chunked and differing Content-Lengths, but a
// Transfer-Encoding without a final "chunked" leaves a request without a
// body, and the bytes that follow would be read as the next request.
Status check_request_header(const bhttp::request_parser<bhttp::string_body>& parser) {
  const auto& header = parser.get();
  size_t transfer_encodings = count_fields(header, bhttp::field::transfer_encoding);
  if (transfer_encodings > 0) {
    if (transfer_encodings > 1 || header.version() < 11 ||
        !is_single_chunked(view(header[bhttp::field::transfer_encoding]))) {
      return malformed("unsupported Transfer-Encoding");
    }
  }
  size_t hosts = count_fields(header, bhttp::field::host);
  if (hosts > 1 || (header.version() >= 11 && hosts == 0)) {
    return malformed("request needs exactly one Host header");
  }
  for (auto field : {bhttp::field::authorization, bhttp::field::cookie, bhttp::field::content_type,
                     bhttp::field::content_length}) {
    if (count_fields(header, field) > 1) return malformed("request repeats a header");
  }
  return Status::ok();
}

// Mozilla's "intermediate" TLS 1.2 suites without DHE (which would need
// parameters of our own): ECDHE key exchange for forward secrecy and AEAD
// ciphers only. TLS 1.3 keeps OpenSSL's suites, which are all of that kind.
constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

bool is_readable(const std::string& path) { return std::ifstream(path).good(); }

// The server's TLS context from options' PEM files; errors name the flag.
Result<std::unique_ptr<ssl::context>> make_tls_context(const ServerOptions& options) {
  const std::string& certificate = options.tls_certificate_file;
  const std::string& key = options.tls_private_key_file;
  if (certificate.empty()) return invalid("--tls-cert", "is needed with --tls-key");
  if (key.empty()) return invalid("--tls-key", "is needed with --tls-cert");
  if (!is_readable(certificate)) return invalid("--tls-cert", "cannot read " + certificate);
  if (!is_readable(key)) return invalid("--tls-key", "cannot read " + key);
  auto context = std::make_unique<ssl::context>(ssl::context::tls_server);
  SSL_CTX* native = context->native_handle();
  // The floor is set here, not left to the system's OpenSSL configuration,
  // which an operator may have loosened for other programs.
  if (SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION) != 1 ||
      SSL_CTX_set_cipher_list(native, kTls12Ciphers) != 1) {
    ERR_clear_error();
    return Status(ErrorCode::kInternal, "cannot configure TLS");
  }
  context->set_options(ssl::context::default_workarounds | ssl::context::no_compression |
                       ssl::context::single_dh_use | ssl::context::no_sslv2 |
                       ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
  // Client-initiated renegotiation is a cheap way to make the server work.
  SSL_CTX_set_options(native, SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
  // An encrypted key would make OpenSSL prompt on the terminal; refuse it.
  context->set_password_callback(
      [](std::size_t, ssl::context::password_purpose) { return std::string(); });
  beast::error_code ec;
  context->use_certificate_chain_file(certificate, ec);
  if (ec) {
    ERR_clear_error();
    return invalid("--tls-cert", certificate + " is not a PEM certificate chain");
  }
  context->use_private_key_file(key, ssl::context::pem, ec);
  if (ec) {
    ERR_clear_error();
    return invalid("--tls-key", key + " is not an unencrypted PEM private key");
  }
  if (SSL_CTX_check_private_key(native) != 1) {
    ERR_clear_error();
    return invalid("--tls-key", key + " is not the key of the certificate in " + certificate);
  }
  return context;
}

using PlainStream = beast::tcp_stream;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;
template <class Stream>
constexpr bool kIsTls = std::is_same_v<Stream, TlsStream>;

// The Request handlers see, from a whole message read from `peer`: the
// target split and decoded, headers in order, cookies, the client address.
// kMalformed when the target does not parse.
Result<Request> request_from_message(bhttp::request<bhttp::string_body>& message,
                                     const std::string& peer,
                                     const std::vector<std::string>& trusted_proxies) {
  Result<Target> target = parse_target(view(message.target()));
  if (!target.is_ok()) return target.status();
  Request request;
  request.method = std::string(message.method_string());
  request.target = std::string(message.target());
  request.path = std::move(target->path);
  request.query = std::move(target->query);
  std::string forwarded_for;
  for (const auto& field : message) {
    request.headers.add(std::string(field.name_string()), std::string(field.value()));
    if (beast::iequals(field.name_string(), "X-Forwarded-For")) {
      if (!forwarded_for.empty()) forwarded_for += ',';
      forwarded_for += std::string(field.value());
    }
  }
  if (auto cookie = request.headers.get("Cookie")) request.cookies = parse_cookies(*cookie);
  request.body = std::move(message.body());
  request.client_address = client_address(peer, forwarded_for, trusted_proxies);
  return request;
}

// What the server answers to a read that failed with `ec` before a whole
// request arrived; nullopt when it just closes (timeout, reset, the client
// going away mid-request).
std::optional<Response> read_error_response(beast::error_code ec) {
  if (ec == bhttp::error::header_limit) {
    return error_response(431, "header_too_large", "request header is too large");
  }
  if (ec == bhttp::error::body_limit) {
    return error_response(Status(ErrorCode::kTooLarge, "request body is too large"));
  }
  if (ec.category() == bhttp::make_error_code(bhttp::error::end_of_stream).category() &&
      ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message) {
    return error_response(malformed("request is malformed"));
  }
  return std::nullopt;
}

}  // namespace

WireRead read_request(std::string_view wire, const ServerOptions& options,
                      const std::string& peer) {
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(options.header_limit));
  parser.body_limit(options.body_limit);
  // The header is checked before any of the body is read, as a session does.
  parser.eager(false);
  bool header_checked = false;
  while (!parser.is_done()) {
    beast::error_code ec;
    size_t used = parser.put(net::buffer(wire.data(), wire.size()), ec);
    wire.remove_prefix(used);
    if (ec == bhttp::error::need_more || (!ec && used == 0)) return {};  // the bytes end early
    if (ec) {
      WireRead read;
      read.refusal = read_error_response(ec);
      return read;
    }
    if (parser.is_header_done() && !header_checked) {
      header_checked = true;
      if (Status checked = check_request_header(parser); !checked.is_ok()) {
        return {std::nullopt, error_response(checked)};
      }
      parser.eager(true);
    }
  }
  auto message = parser.release();
  Result<Request> request = request_from_message(message, peer, options.trusted_proxies);
  if (!request.is_ok()) return {std::nullopt, error_response(request.status())};
  return {std::move(request).value(), std::nullopt};
}

namespace detail {

// What the server needs of a session whatever its stream.
class SessionBase : public std::enable_shared_from_this<SessionBase> {
 public:
  virtual ~SessionBase() = default;
  // Server::stop(): close now if no request is in progress; otherwise the
  // response goes out with "Connection: close".
  virtual void on_server_stop() = 0;
};

// Owned by Server. Sessions and the listener point to it without owning it
// (their handlers live in its io_context and pool: owning would be a cycle);
// they are all destroyed with the io_context and the pool, before the
// members declared above those two.
class ServerCore {
 public:
  ServerCore(ServerOptions options, std::shared_ptr<const Router> router)
      : options(std::move(options)),
        router(std::move(router)),
        pool(static_cast<size_t>(std::max(1, this->options.worker_threads))),
        acceptor(net::make_strand(ioc)),
        retry_timer(acceptor.get_executor()) {}

  void add_session(SessionBase* session, std::weak_ptr<SessionBase> weak) {
    std::lock_guard lock(mutex);
    sessions.emplace(session, std::move(weak));
  }
  void remove_session(SessionBase* session) {
    std::lock_guard lock(mutex);
    sessions.erase(session);
  }

  const ServerOptions options;
  const std::shared_ptr<const Router> router;

  std::mutex mutex;
  std::unordered_map<SessionBase*, std::weak_ptr<SessionBase>> sessions;  // guarded by mutex
  std::unique_ptr<ssl::context> tls;  // set by start() when serving HTTPS
  std::atomic<size_t> connections{0};
  std::atomic<size_t> requests_in_progress{0};
  std::atomic<bool> stopping{false};
  std::atomic<bool> stopped{false};
  std::mutex lifecycle_mutex;  // serialises start() and stop()
  bool started = false;        // guarded by lifecycle_mutex

  // Declared after what sessions touch in their destructors: destroying the
  // io_context and the pool destroys the sessions their queues still hold.
  net::io_context ioc;
  net::thread_pool pool;
  tcp::acceptor acceptor;
  net::steady_timer retry_timer;
  std::optional<net::executor_work_guard<net::io_context::executor_type>> work;
  std::vector<std::thread> io_threads;
};

//------------------------------------------------------------------------------

// One connection, over plain TCP (PlainStream) or TLS (TlsStream): the
// streams differ only in the handshake and the close, so every limit and
// check below holds for both. Everything but the constructor runs on the
// strand of `stream_`; the worker pool only touches the Request it was given.
template <class Stream>
class Session : public SessionBase {
 public:
  Session(tcp::socket&& socket, ServerCore* core)
      : core_(core), stream_(make_stream(std::move(socket), core)) {
    ++core_->connections;
    beast::error_code ec;
    auto endpoint = transport().socket().remote_endpoint(ec);
    if (!ec) client_address_ = endpoint.address().to_string();
  }

  ~Session() {
    set_in_progress(false);
    core_->remove_session(this);
    --core_->connections;
  }

  void run() {
    core_->add_session(this, weak_from_this());
    net::dispatch(stream_.get_executor(),
                  [self = self()] { self->handshake_then(&Session::start_read); });
  }

  // Over max_connections: answer 503 and close.
  void refuse() {
    core_->add_session(this, weak_from_this());
    net::dispatch(stream_.get_executor(),
                  [self = self()] { self->handshake_then(&Session::send_busy); });
  }

  void on_server_stop() override {
    net::dispatch(stream_.get_executor(), [self = self()] {
      if (!self->in_progress_) self->transport().close();
    });
  }

 private:
  static Stream make_stream(tcp::socket&& socket, ServerCore* core) {
    if constexpr (kIsTls<Stream>) {
      return Stream(std::move(socket), *core->tls);
    } else {
      return Stream(std::move(socket));
    }
  }

  std::shared_ptr<Session> self() {
    return std::static_pointer_cast<Session>(this->shared_from_this());
  }

  // The TCP stream under any TLS: its timer and socket.
  beast::tcp_stream& transport() { return beast::get_lowest_layer(stream_); }

  // TLS: the handshake, under header_timeout (a client stalling in it is a
  // slow client like any other), then `next`; a failed handshake (plain
  // HTTP, an old protocol, no shared cipher) just closes. Plain: `next`.
  void handshake_then(void (Session::*next)()) {
    if constexpr (kIsTls<Stream>) {
      transport().expires_after(core_->options.header_timeout);
      stream_.async_handshake(ssl::stream_base::server,
                              [self = self(), next](beast::error_code ec) {
                                if (ec) {
                                  spdlog::debug("tls handshake failed: client={} error={}",
                                                self->client_address_, ec.message());
                                  return self->transport().close();
                                }
                                ((*self).*next)();
                              });
    } else {
      (this->*next)();
    }
  }

  void send_busy() {
    send_error(error_response(Status(ErrorCode::kUnavailable, "server is busy")));
  }

  void start_read() {
    set_in_progress(false);
    if (core_->stopping) return transport().close();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(core_->options.header_limit));
    parser_->body_limit(core_->options.body_limit);
    if (first_request_ || buffer_.size() > 0) return read_header();
    // A kept-alive connection waits for its next request under idle_timeout;
    // header_timeout starts with the first byte.
    transport().expires_after(core_->options.idle_timeout);
    stream_.async_read_some(buffer_.prepare(4096),
                            beast::bind_front_handler(&Session::on_first_bytes, self()));
  }

  void on_first_bytes(beast::error_code ec, std::size_t bytes) {
    if (ec) return transport().close();
    buffer_.commit(bytes);
    read_header();
  }

  void read_header() {
    transport().expires_after(core_->options.header_timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             beast::bind_front_handler(&Session::on_header, self()));
  }

  void on_header(beast::error_code ec, std::size_t) {
    started_ = Clock::now();
    if (ec == bhttp::error::body_limit) {  // Content-Length over body_limit: the header is known
      method_ = std::string(parser_->get().method_string());
      version_ = parser_->get().version();
    }
    if (ec) return fail_read(ec);
    set_in_progress(true);
    const auto& header = parser_->get();
    method_ = std::string(header.method_string());
    version_ = header.version();
    Status checked = check_request_header(*parser_);
    if (!checked.is_ok()) return send_error(error_response(checked));
    if (parser_->is_done()) return on_body({}, 0);
    if (iequals(view(header[bhttp::field::expect]), "100-continue")) return send_continue();
    read_body();
  }

  void send_continue() {
    auto interim = std::make_shared<bhttp::response<bhttp::empty_body>>(bhttp::status::continue_,
                                                                        parser_->get().version());
    in_flight_ = interim;
    transport().expires_after(core_->options.write_timeout);
    bhttp::async_write(stream_, *interim, [self = self()](beast::error_code ec, auto) {
      if (ec) return self->transport().close();
      self->read_body();
    });
  }

  void read_body() {
    transport().expires_after(core_->options.body_timeout);
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&Session::on_body, self()));
  }

  void on_body(beast::error_code ec, std::size_t) {
    if (ec) return fail_read(ec);

    auto& message = parser_->get();
    keep_alive_ = message.keep_alive();
    version_ = message.version();
    Result<Request> request =
        request_from_message(message, client_address_, core_->options.trusted_proxies);
    if (!request.is_ok()) return send(error_response(request.status()), "");

    transport().expires_never();
    net::post(core_->pool, [self = self(), request = std::move(request).value()] {
      Router::Outcome handled = handle_request(*self->core_->router, request);
      net::post(self->stream_.get_executor(), [self, handled = std::move(handled)]() mutable {
        self->send(std::move(handled.response), handled.pattern);
      });
    });
  }

  // A read that ended without a request: a parse error earns a 400, a
  // timeout, a reset or the client going away just close.
  void fail_read(beast::error_code ec) {
    if (auto refusal = read_error_response(ec)) return send_error(std::move(*refusal));
    if (ec == beast::error::timeout) {
      spdlog::debug("http connection timed out: client={}", client_address_);
    }
    transport().close();
  }

  void send_error(Response response) {
    keep_alive_ = false;
    send(std::move(response), "");
  }

  void send(Response response, const std::string& pattern) {
    auto message = to_message(std::move(response), version_, keep_alive_ && !core_->stopping,
                              method_ == "HEAD", kIsTls<Stream>);
    log_request(message->result_int(), pattern);
    in_flight_ = message;
    transport().expires_after(core_->options.write_timeout);
    bhttp::async_write(stream_, *message,
                       beast::bind_front_handler(&Session::on_write, self(), message->need_eof()));
  }

  void log_request(unsigned status, const std::string& pattern) {
    auto micros =
        std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started_).count();
    // string_views of members that outlive the line (a ?: of "-" and a
    // std::string would make a temporary string).
    std::string_view method = method_, route = pattern;
    observe::RequestLog line{.method = method.empty() ? "-" : method,
                             .route = route.empty() ? "-" : route,
                             .status = static_cast<int>(status),
                             .duration_ms = static_cast<double>(micros) / 1000.0,
                             .client = client_address_};
    observe::log_request(line);
    if (core_->options.metrics != nullptr) {
      core_->options.metrics->observe_request(line.method, line.route, line.status,
                                              line.duration_ms / 1000.0);
    }
  }

  void on_write(bool close, beast::error_code ec, std::size_t) {
    in_flight_.reset();
    set_in_progress(false);
    if (ec) return transport().close();
    if (close) return linger();
    first_request_ = false;
    method_.clear();
    version_ = 11;
    start_read();
  }

  // Half-close, then read and drop what the client still sends until it
  // closes or close_linger passes: closing with unread data would reset the
  // connection and could destroy the response before the client reads it.
  // TLS sends its close_notify first (so the client can tell the end from a
  // truncation); one close_linger covers both steps.
  void linger() {
    transport().expires_after(core_->options.close_linger);
    if constexpr (kIsTls<Stream>) {
      stream_.async_shutdown([self = self()](beast::error_code) { self->half_close_and_drain(); });
    } else {
      half_close_and_drain();
    }
  }

  void half_close_and_drain() {
    beast::error_code ignored;
    transport().socket().shutdown(tcp::socket::shutdown_send, ignored);
    drain();
  }

  // Reads the TCP stream itself: after a TLS close, what arrives is dropped
  // unread, whatever it is.
  void drain() {
    transport().async_read_some(net::buffer(drain_buffer_),
                                [self = self()](beast::error_code ec, std::size_t) {
                                  if (ec) return self->transport().close();
                                  self->drain();
                                });
  }

  void set_in_progress(bool in_progress) {
    if (in_progress == in_progress_) return;
    in_progress_ = in_progress;
    if (in_progress) {
      ++core_->requests_in_progress;
    } else {
      --core_->requests_in_progress;
    }
  }

  ServerCore* core_;
  Stream stream_;
  beast::flat_buffer buffer_;
  // Re-created for every request, as in Beast's examples.
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  // The message being written; async_write needs it alive until it completes.
  std::shared_ptr<void> in_flight_;
  std::array<char, 4096> drain_buffer_{};
  std::string client_address_;
  std::string method_;
  unsigned version_ = 11;
  bool keep_alive_ = false;
  bool first_request_ = true;
  bool in_progress_ = false;
  Clock::time_point started_ = Clock::now();
};

//------------------------------------------------------------------------------

// Accepts connections on the acceptor's strand.
class Listener : public std::enable_shared_from_this<Listener> {
 public:
  explicit Listener(ServerCore* core) : core_(core) {}

  void run() {
    net::dispatch(core_->acceptor.get_executor(),
                  beast::bind_front_handler(&Listener::accept, shared_from_this()));
  }

 private:
  void accept() {
    core_->acceptor.async_accept(
        net::make_strand(core_->ioc),
        beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
  }

  void on_accept(beast::error_code ec, tcp::socket socket) {
    if (core_->stopping || ec == net::error::operation_aborted) return;
    if (ec) {
      // Out of descriptors, typically: pause instead of spinning.
      spdlog::warn("http accept failed: {}", ec.message());
      core_->retry_timer.expires_after(std::chrono::milliseconds(100));
      core_->retry_timer.async_wait([self = shared_from_this()](beast::error_code wait_ec) {
        if (!wait_ec) self->accept();
      });
      return;
    }
    if (core_->tls) {
      start_session<TlsStream>(std::move(socket));
    } else {
      start_session<PlainStream>(std::move(socket));
    }
    accept();
  }

  template <class Stream>
  void start_session(tcp::socket&& socket) {
    auto session = std::make_shared<Session<Stream>>(std::move(socket), core_);
    if (core_->connections > core_->options.max_connections) {
      session->refuse();
    } else {
      session->run();
    }
  }

  ServerCore* core_;
};

// An exception escaping a completion handler must not end the process (nor
// silently end this I/O thread): log it and keep serving.
void run_io(net::io_context& ioc) {
  while (true) {
    try {
      ioc.run();
      return;
    } catch (const std::exception& exception) {
      spdlog::error("http I/O thread caught: {}", exception.what());
    }
  }
}

}  // namespace detail

//------------------------------------------------------------------------------

Server::Server(ServerOptions options, std::shared_ptr<const Router> router)
    : core_(std::make_unique<detail::ServerCore>(std::move(options), std::move(router))) {}

Server::~Server() { stop(); }

Result<uint16_t> Server::start() {
  std::lock_guard lock(core_->lifecycle_mutex);
  if (core_->started) return internal_error();
  const ServerOptions& options = core_->options;
  if (!options.tls_certificate_file.empty() || !options.tls_private_key_file.empty()) {
    TALLINN_ASSIGN_OR_RETURN(core_->tls, make_tls_context(options));
  }
  beast::error_code ec;
  auto address = net::ip::make_address(options.host, ec);
  if (ec) return Status(ErrorCode::kUnavailable, "cannot listen: bad host " + options.host);
  tcp::endpoint endpoint(address, options.port);
  auto& acceptor = core_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return Status(ErrorCode::kUnavailable,
                  "cannot listen on " + options.host + ":" + std::to_string(options.port));
  }
  uint16_t port = acceptor.local_endpoint().port();
  core_->started = true;
  core_->work.emplace(core_->ioc.get_executor());
  std::make_shared<detail::Listener>(core_.get())->run();
  for (int i = 0; i < std::max(1, options.io_threads); ++i) {
    core_->io_threads.emplace_back([core = core_.get()] { detail::run_io(core->ioc); });
  }
  spdlog::info("http listening on {}:{}{}", options.host, port, core_->tls ? " (TLS)" : "");
  return port;
}

void Server::stop() {
  std::lock_guard lock(core_->lifecycle_mutex);
  if (!core_->started || core_->stopped) return;
  core_->stopping = true;
  net::post(core_->acceptor.get_executor(), [core = core_.get()] {
    beast::error_code ignored;
    core->acceptor.close(ignored);
    core->retry_timer.cancel();
  });
  // Locked then released before use: dropping the last reference to a
  // session runs its destructor, which takes the same mutex.
  std::vector<std::shared_ptr<detail::SessionBase>> sessions;
  {
    std::lock_guard sessions_lock(core_->mutex);
    for (auto& [raw, weak] : core_->sessions) {
      if (auto session = weak.lock()) sessions.push_back(std::move(session));
    }
  }
  for (auto& session : sessions) session->on_server_stop();
  sessions.clear();
  auto deadline = Clock::now() + core_->options.stop_timeout;
  while (core_->requests_in_progress > 0 && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  // Give the last responses a moment to leave before the loop stops.
  while (core_->connections > 0 && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  core_->work.reset();
  core_->ioc.stop();
  for (auto& thread : core_->io_threads) thread.join();
  core_->io_threads.clear();
  core_->pool.stop();
  core_->pool.join();
  core_->stopped = true;
  spdlog::info("http server stopped");
}

void Server::run_until_signal() {
  std::promise<int> received;
  auto signal = received.get_future();
  net::signal_set signals(core_->ioc, SIGINT, SIGTERM);
  signals.async_wait([&received](beast::error_code ec, int number) {
    if (!ec) received.set_value(number);
  });
  while (signal.wait_for(std::chrono::milliseconds(100)) != std::future_status::ready) {
    if (core_->stopping) break;
  }
  if (signal.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
    spdlog::info("http server received signal {}", signal.get());
  }
  stop();
}

}  // namespace tallinn::http
