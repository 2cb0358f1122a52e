// An open-loop load generator for a running `tallinn serve` (issue 7, item 6).
//
// Requests are scheduled at a constant rate, whatever the server does: request
// k of a step is due at start + k / rate, and its latency is measured from
// that due time, not from when a connection became free. A slow server thus
// shows as queueing in the latencies instead of slowing the generator down
// (no coordinated omission). Each step also sends GET /healthz at a low rate
// on its own schedule, as the same run's reference.
//
// The mix: 90% reads (first list pages as the back office and as a
// beneficiary, a deep page by cursor, single needs, coverage breakdowns:
// 15/15/15/35/10 by default) and
// 10% writes (a new need by the front office). Connections are kept alive;
// more are opened when every one is busy, up to --connections.
//
// Usage: load_gen --port P [--host 127.0.0.1] [--rates 250,500,1000,1500,2000]
//                 [--duration 10] [--connections 256] [--healthz-rate 20] [--seed 1]
//                 [--coverage-share 0.10]
// The database needs the demo accounts (bench/load/load_fixture loads them
// with 100,000 needs).
#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <deque>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace tallinn::bench {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr char kDemoPassword[] = "demo-password-2026";

struct Options {
  std::string host = "127.0.0.1";
  std::string port;
  std::vector<int> rates = {250, 500, 1000, 1500, 2000};
  double duration_seconds = 10;
  size_t max_connections = 256;
  int healthz_rate = 20;
  unsigned seed = 1;
  // Share of the mix that reads coverage (taken from the single-need reads).
  double coverage_share = 0.10;
};

struct Job {
  Clock::time_point due;
  bool reference = false;  // a /healthz request
  bhttp::verb method = bhttp::verb::get;
  std::string target;
  std::string token;
  std::string body;
};

struct Outcomes {
  std::vector<double> latencies_ms;  // of successful requests
  int64_t errors = 0;
  std::vector<std::string> error_samples;
};

// What the mix needs from the server, found once before the steps.
struct World {
  std::string back_office;
  std::string beneficiary;
  std::string front_office;
  std::string beneficiary_org;
  std::string deep_cursor;
  std::vector<std::string> need_ids;
};

// A blocking request for the setup phase.
nlohmann::json fetch(const Options& options, bhttp::verb method, const std::string& target,
                     const std::string& token = {}, const std::string& body = {}) {
  net::io_context io;
  beast::tcp_stream stream(io);
  stream.connect(tcp::resolver(io).resolve(options.host, options.port));
  bhttp::request<bhttp::string_body> request{method, target, 11};
  request.set(bhttp::field::host, options.host);
  if (!token.empty()) request.set(bhttp::field::authorization, "Bearer " + token);
  if (!body.empty()) request.set(bhttp::field::content_type, "application/json");
  request.body() = body;
  request.prepare_payload();
  bhttp::write(stream, request);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 << 20);
  bhttp::read(stream, buffer, parser);
  auto& response = parser.get();
  if (response.result_int() >= 300) {
    throw std::runtime_error(target + " answered " + std::to_string(response.result_int()) + ": " +
                             response.body());
  }
  return nlohmann::json::parse(response.body());
}

std::string sign_in(const Options& options, const std::string& email, std::string* org = nullptr) {
  nlohmann::json body = {{"email", email}, {"password", kDemoPassword}};
  auto answer = fetch(options, bhttp::verb::post, "/api/v1/session", {}, body.dump());
  if (org != nullptr) *org = answer["user"]["org"].get<std::string>();
  return answer["token"].get<std::string>();
}

World prepare(const Options& options) {
  World world;
  world.back_office = sign_in(options, "back-office@demo.tallinn.example");
  world.front_office = sign_in(options, "front-office@demo.tallinn.example");
  world.beneficiary = sign_in(options, "beneficiary@demo.tallinn.example", &world.beneficiary_org);
  std::string cursor;
  for (int page = 0; page < 200; ++page) {  // page 201 of 50: offset 10,000
    auto answer = fetch(options, bhttp::verb::get,
                        "/api/v1/needs?limit=50" + (cursor.empty() ? "" : "&cursor=" + cursor),
                        world.back_office);
    for (const auto& need : answer["items"]) {
      if (world.need_ids.size() < 2000) world.need_ids.push_back(need["id"].get<std::string>());
    }
    if (answer["next"].is_null()) break;
    cursor = answer["next"].get<std::string>();
  }
  world.deep_cursor = cursor;
  if (world.need_ids.empty()) throw std::runtime_error("the server holds no needs");
  return world;
}

// One kept-alive connection; runs one job at a time.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  using Done = std::function<void(std::shared_ptr<Connection>, const Job&, bool ok,
                                  const std::string& error)>;

  Connection(net::io_context& io, const tcp::resolver::results_type& endpoints, std::string host,
             Done done)
      : stream_(io), endpoints_(endpoints), host_(std::move(host)), done_(std::move(done)) {}

  void run(Job job) {
    job_ = std::move(job);
    request_ = {job_.method, job_.target, 11};
    request_.set(bhttp::field::host, host_);
    request_.keep_alive(true);
    if (!job_.token.empty()) request_.set(bhttp::field::authorization, "Bearer " + job_.token);
    if (!job_.body.empty()) request_.set(bhttp::field::content_type, "application/json");
    request_.body() = job_.body;
    request_.prepare_payload();
    stream_.expires_after(std::chrono::seconds(10));
    if (!connected_) {
      stream_.async_connect(
          endpoints_, [self = shared_from_this()](beast::error_code ec, const tcp::endpoint&) {
            if (ec) return self->finish(false, "connect: " + ec.message());
            self->connected_ = true;
            self->write();
          });
      return;
    }
    write();
  }

 private:
  void write() {
    bhttp::async_write(stream_, request_,
                       [self = shared_from_this()](beast::error_code ec, size_t) {
                         if (ec) return self->finish(false, "write: " + ec.message());
                         self->read();
                       });
  }

  void read() {
    parser_.emplace();
    parser_->body_limit(64 << 20);
    bhttp::async_read(
        stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, size_t) {
          if (ec) return self->finish(false, "read: " + ec.message());
          auto& response = self->parser_->get();
          int status = response.result_int();
          if (!response.keep_alive()) self->close();
          if (status >= 200 && status < 300) return self->finish(true, "");
          self->finish(false,
                       "status " + std::to_string(status) + ": " + response.body().substr(0, 200));
        });
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
    connected_ = false;
    buffer_.clear();
  }

  void finish(bool ok, const std::string& error) {
    if (!ok && connected_ && error.rfind("status", 0) != 0) close();
    if (!ok && error.rfind("status", 0) != 0) connected_ = false;
    done_(shared_from_this(), job_, ok, error);
  }

  beast::tcp_stream stream_;
  tcp::resolver::results_type endpoints_;
  std::string host_;
  Done done_;
  bool connected_ = false;
  Job job_;
  bhttp::request<bhttp::string_body> request_;
  std::optional<bhttp::response_parser<bhttp::string_body>> parser_;
  beast::flat_buffer buffer_;
};

// One step at one rate.
class Step {
 public:
  Step(const Options& options, const World& world, int rate, unsigned seed)
      : options_(options),
        world_(world),
        rate_(rate),
        random_(seed),
        endpoints_(tcp::resolver(io_).resolve(options.host, options.port)),
        timer_(io_),
        reference_timer_(io_) {}

  void run() {
    total_ = static_cast<int64_t>(rate_ * options_.duration_seconds);
    reference_total_ = static_cast<int64_t>(options_.healthz_rate * options_.duration_seconds);
    start_ = Clock::now() + std::chrono::milliseconds(20);
    schedule_mix();
    schedule_reference();
    // Bounded: every request has a 10 s timeout, so the run ends by itself.
    io_.run_for(std::chrono::duration_cast<std::chrono::nanoseconds>(
        std::chrono::duration<double>(options_.duration_seconds + 30)));
    elapsed_ = std::chrono::duration<double>(last_done_ - start_).count();
  }

  const Outcomes& mix() const { return mix_; }
  const Outcomes& reference() const { return reference_; }
  double elapsed_seconds() const { return elapsed_; }
  size_t connections() const { return connections_.size(); }
  int64_t unfinished() const { return total_ + reference_total_ - finished_; }

 private:
  Clock::time_point due(int64_t index, int rate) const {
    return start_ + std::chrono::duration_cast<Clock::duration>(
                        std::chrono::duration<double>(static_cast<double>(index) / rate));
  }

  void schedule_mix() {
    auto now = Clock::now();
    while (next_ < total_ && due(next_, rate_) <= now) dispatch(make_job(due(next_++, rate_)));
    if (next_ >= total_) return;
    timer_.expires_at(due(next_, rate_));
    timer_.async_wait([this](beast::error_code ec) {
      if (!ec) schedule_mix();
    });
  }

  void schedule_reference() {
    auto now = Clock::now();
    while (next_reference_ < reference_total_ &&
           due(next_reference_, options_.healthz_rate) <= now) {
      Job job{.due = due(next_reference_++, options_.healthz_rate),
              .reference = true,
              .target = "/healthz"};
      dispatch(std::move(job));
    }
    if (next_reference_ >= reference_total_) return;
    reference_timer_.expires_at(due(next_reference_, options_.healthz_rate));
    reference_timer_.async_wait([this](beast::error_code ec) {
      if (!ec) schedule_reference();
    });
  }

  const std::string& pick(const std::vector<std::string>& items) {
    return items[std::uniform_int_distribution<size_t>(0, items.size() - 1)(random_)];
  }

  Job make_job(Clock::time_point due) {
    static const std::vector<std::string> kBreakdowns = {"sector", "region", "category",
                                                         "priority"};
    double draw = std::uniform_real_distribution<double>(0, 1)(random_);
    Job job{.due = due};
    if (draw < 0.15) {
      job.target = "/api/v1/needs?limit=50";
      job.token = world_.back_office;
    } else if (draw < 0.30) {
      job.target = "/api/v1/needs?limit=50";
      job.token = world_.beneficiary;
    } else if (draw < 0.45) {
      job.target = "/api/v1/needs?limit=50&cursor=" + world_.deep_cursor;
      job.token = world_.back_office;
    } else if (draw < 0.90 - options_.coverage_share) {
      job.target = "/api/v1/needs/" + pick(world_.need_ids);
      job.token = world_.back_office;
    } else if (draw < 0.90) {
      job.target = "/api/v1/coverage?by=" + pick(kBreakdowns);
      job.token = world_.back_office;
    } else {
      job.method = bhttp::verb::post;
      job.target = "/api/v1/needs";
      job.token = world_.front_office;
      nlohmann::json body = {{"org", world_.beneficiary_org},
                             {"title", "Load generator need " + std::to_string(next_)},
                             {"sector", "energy"},
                             {"region", "UA-30"},
                             {"category", "equipment"},
                             {"amount", 1000 + next_ % 1000},
                             {"priority", 3}};
      job.body = body.dump();
    }
    return job;
  }

  void dispatch(Job job) {
    if (!idle_.empty()) {
      auto connection = idle_.back();
      idle_.pop_back();
      return connection->run(std::move(job));
    }
    if (connections_.size() < options_.max_connections) {
      auto connection = std::make_shared<Connection>(
          io_, endpoints_, options_.host,
          [this](std::shared_ptr<Connection> self, const Job& done, bool ok,
                 const std::string& error) { on_done(std::move(self), done, ok, error); });
      connections_.push_back(connection);
      return connection->run(std::move(job));
    }
    waiting_.push_back(std::move(job));  // its latency keeps counting from job.due
  }

  void on_done(std::shared_ptr<Connection> connection, const Job& job, bool ok,
               const std::string& error) {
    last_done_ = Clock::now();
    ++finished_;
    Outcomes& outcomes = job.reference ? reference_ : mix_;
    if (ok) {
      outcomes.latencies_ms.push_back(
          std::chrono::duration<double, std::milli>(last_done_ - job.due).count());
    } else {
      ++outcomes.errors;
      if (outcomes.error_samples.size() < 3) outcomes.error_samples.push_back(error);
    }
    if (!waiting_.empty()) {
      Job next = std::move(waiting_.front());
      waiting_.pop_front();
      return connection->run(std::move(next));
    }
    idle_.push_back(std::move(connection));
  }

  const Options& options_;
  const World& world_;
  const int rate_;
  std::mt19937 random_;
  net::io_context io_;
  tcp::resolver::results_type endpoints_;
  net::steady_timer timer_;
  net::steady_timer reference_timer_;
  Clock::time_point start_;
  Clock::time_point last_done_;
  int64_t total_ = 0;
  int64_t reference_total_ = 0;
  int64_t next_ = 0;
  int64_t next_reference_ = 0;
  int64_t finished_ = 0;
  double elapsed_ = 0;
  std::vector<std::shared_ptr<Connection>> connections_;
  std::vector<std::shared_ptr<Connection>> idle_;
  std::deque<Job> waiting_;
  Outcomes mix_;
  Outcomes reference_;
};

double percentile(std::vector<double> values, double share) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  size_t rank = static_cast<size_t>(std::ceil(share * static_cast<double>(values.size())));
  return values[std::min(values.size() - 1, rank == 0 ? 0 : rank - 1)];
}

int run(const Options& options) {
  World world = prepare(options);
  std::printf(
      "| offered/s | achieved/s | p50 ms | p99 ms | p99.9 ms | max ms | errors | "
      "/healthz p50 ms | /healthz p99 ms | p99 / healthz p50 | connections |\n"
      "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  int saturation = 0;
  for (size_t i = 0; i < options.rates.size(); ++i) {
    int rate = options.rates[i];
    Step step(options, world, rate, options.seed + static_cast<unsigned>(i));
    step.run();
    const auto& mix = step.mix();
    const auto& reference = step.reference();
    double achieved = step.elapsed_seconds() > 0
                          ? static_cast<double>(mix.latencies_ms.size()) / step.elapsed_seconds()
                          : 0;
    double p99 = percentile(mix.latencies_ms, 0.99);
    double healthz_p50 = percentile(reference.latencies_ms, 0.50);
    int64_t errors = mix.errors + reference.errors + step.unfinished();
    std::printf(
        "| %d | %.0f | %.2f | %.2f | %.2f | %.2f | %lld | %.2f | %.2f | %.0f | %zu |\n", rate,
        achieved, percentile(mix.latencies_ms, 0.50), p99, percentile(mix.latencies_ms, 0.999),
        mix.latencies_ms.empty()
            ? 0.0
            : *std::max_element(mix.latencies_ms.begin(), mix.latencies_ms.end()),
        static_cast<long long>(errors), healthz_p50, percentile(reference.latencies_ms, 0.99),
        healthz_p50 > 0 ? p99 / healthz_p50 : 0.0, step.connections());
    for (const auto& sample : mix.error_samples)
      std::fprintf(stderr, "  error: %s\n", sample.c_str());
    std::fflush(stdout);
    // Sustained: the server kept up with the offered rate, without errors,
    // and answered 99% within 100 ms (queueing shows up there first).
    bool sustained = achieved >= 0.95 * rate && errors == 0 && p99 < 100;
    if (!sustained) break;  // past saturation every step only measures the queue
    saturation = rate;
  }
  std::printf(
      "\nsaturation: highest offered rate sustained (>= 95%% achieved, no errors, "
      "p99 < 100 ms): %d requests/s\n",
      saturation);
  return 0;
}

std::vector<int> parse_rates(const std::string& text) {
  std::vector<int> rates;
  std::stringstream input(text);
  std::string item;
  while (std::getline(input, item, ',')) {
    int rate = std::atoi(item.c_str());
    if (rate <= 0) throw std::runtime_error("--rates: each rate must be a positive number");
    rates.push_back(rate);
  }
  return rates;
}

}  // namespace
}  // namespace tallinn::bench

int main(int argc, char** argv) {
  tallinn::bench::Options options;
  try {
    for (int i = 1; i + 1 < argc; i += 2) {
      std::string name = argv[i];
      std::string value = argv[i + 1];
      if (name == "--host") {
        options.host = value;
      } else if (name == "--port") {
        options.port = value;
      } else if (name == "--rates") {
        options.rates = tallinn::bench::parse_rates(value);
      } else if (name == "--duration") {
        options.duration_seconds = std::stod(value);
      } else if (name == "--connections") {
        options.max_connections = static_cast<size_t>(std::stoul(value));
      } else if (name == "--healthz-rate") {
        options.healthz_rate = std::stoi(value);
      } else if (name == "--coverage-share") {
        options.coverage_share = std::stod(value);
        if (!(options.coverage_share >= 0 && options.coverage_share <= 0.45)) {
          throw std::runtime_error("--coverage-share must be 0..0.45");
        }
      } else if (name == "--seed") {
        options.seed = static_cast<unsigned>(std::stoul(value));
      } else {
        throw std::runtime_error("unknown option " + name);
      }
    }
    if (options.port.empty()) throw std::runtime_error("--port is required");
    if (options.host != "127.0.0.1" && options.host != "localhost" && options.host != "::1") {
      // A load test only ever targets this machine's own server.
      throw std::runtime_error("--host must be a loopback address");
    }
    return tallinn::bench::run(options);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "load_gen: %s\n", error.what());
    return 1;
  }
}
