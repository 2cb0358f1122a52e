#include "cli/serve_command.h"

#include <spdlog/spdlog.h>

#include <iostream>
#include <memory>
#include <optional>

#include "api/api.h"
#include "auth/breached_passwords.h"
#include "cli/config_file.h"
#include "cli/metrics_endpoint.h"
#include "cli/runtime.h"
#include "http/server.h"
#include "http/static_site.h"
#include "observe/logging.h"
#include "observe/metrics.h"
#include "store/store.h"

namespace tallinn::cli {
namespace {

// The web application's build output, baked in by CMake (web/dist of the
// build tree); --web-root overrides it.
#ifndef TALLINN_WEB_ROOT
#define TALLINN_WEB_ROOT ""
#endif

struct ServeOptions {
  std::string db = kDefaultDatabase;
  std::string listen = "127.0.0.1:8080";
  int workers = 4;
  bool secure_cookies = false;
  std::string web_root = TALLINN_WEB_ROOT;
  std::vector<std::string> trusted_proxies;
  std::string config;  // a file of `key = value` lines (config_file.h)
  std::string log_format = "text";
  std::string log_level = "info";
  std::string metrics_listen;  // empty: no /metrics
  std::string tls_cert;        // both set: HTTPS only (http/server.h)
  std::string tls_key;
  std::string breached_passwords;  // a Pwned Passwords file (auth/breached_passwords.h)
};

Result<std::pair<std::string, uint16_t>> parse_listen(const std::string& listen) {
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return invalid("--listen", "must be HOST:PORT, such as 127.0.0.1:8080");
  }
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  std::string port_text = listen.substr(colon + 1);
  bool digits = !port_text.empty() && port_text.size() <= 5 &&
                port_text.find_first_not_of("0123456789") == std::string::npos;
  if (!digits || std::stoi(port_text) > 65535) {
    return invalid("--listen", "port must be a number 0..65535");
  }
  return std::make_pair(host, static_cast<uint16_t>(std::stoi(port_text)));
}

int run_serve(const ServeOptions& options) {
  Status logging = observe::configure_logging(options.log_format, options.log_level);
  if (!logging.is_ok()) return report_error(logging);
  auto address = parse_listen(options.listen);
  if (!address.is_ok()) return report_error(address.status());
  std::optional<std::pair<std::string, uint16_t>> metrics_address;
  if (!options.metrics_listen.empty()) {
    auto parsed = parse_listen(options.metrics_listen);
    if (!parsed.is_ok()) {
      return report_error(invalid("--metrics-listen", parsed.status().message()));
    }
    metrics_address = *parsed;
  }
  auto runtime = Runtime::open(options.db, /*migrate=*/true);
  if (!runtime.is_ok()) return report_error(runtime.status());
  observe::Metrics metrics;
  (*runtime)->context().metrics = &metrics;
  std::unique_ptr<auth::BreachedPasswords> breached;
  if (!options.breached_passwords.empty()) {
    auto opened = auth::BreachedPasswords::open(options.breached_passwords);
    if (!opened.is_ok()) return report_error(opened.status());
    breached = std::move(opened).value();
    (*runtime)->context().breached_passwords = breached.get();
  }

  bool tls = !options.tls_cert.empty() || !options.tls_key.empty();
  // Over TLS the cookie is Secure whatever the flag says: a browser must
  // never send it back over plain HTTP.
  api::Api api((*runtime)->context(), api::ApiOptions{options.secure_cookies || tls});
  auto router = std::make_shared<http::Router>();
  api.install(*router);
  if (!options.web_root.empty()) {
    auto site = std::make_shared<http::StaticSite>(options.web_root);
    router->set_fallback([site](const http::Request& request, const http::PathParams&) {
      return site->serve(request);
    });
  }

  http::ServerOptions server_options;
  server_options.host = address->first;
  server_options.port = address->second;
  server_options.worker_threads = options.workers;
  server_options.trusted_proxies = options.trusted_proxies;
  server_options.metrics = &metrics;
  server_options.tls_certificate_file = options.tls_cert;
  server_options.tls_private_key_file = options.tls_key;
  http::Server server(server_options, router);
  auto port = server.start();
  if (!port.is_ok()) return report_error(port.status());
  // /metrics has a listener of its own: nothing that proxies the API reaches it.
  std::optional<http::Server> metrics_server;
  if (metrics_address) {
    http::ServerOptions metrics_options;
    metrics_options.host = metrics_address->first;
    metrics_options.port = metrics_address->second;
    metrics_options.worker_threads = 1;
    metrics_options.max_connections = 16;
    metrics_server.emplace(metrics_options, metrics_router(metrics, (*runtime)->store()));
    auto metrics_port = metrics_server->start();
    if (!metrics_port.is_ok()) return report_error(metrics_port.status());
    spdlog::info("tallinn metrics on {}:{}/metrics", metrics_address->first, *metrics_port);
  }
  spdlog::info("tallinn serving {} on {}:{}{}", store::redacted_url(options.db), address->first,
               *port, tls ? " (https)" : "");
  server.run_until_signal();
  spdlog::info("tallinn stopped");
  return 0;
}

}  // namespace

void add_serve_command(CLI::App& app, int* exit_code) {
  auto options = std::make_shared<ServeOptions>();
  auto* serve = app.add_subcommand("serve", "run the HTTP server");
  serve->add_option("--db", options->db, "database URL")->capture_default_str();
  serve->add_option("--listen", options->listen, "HOST:PORT to listen on")->capture_default_str();
  serve->add_option("--workers", options->workers, "threads that run requests")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  serve
      ->add_option("--web-root", options->web_root,
                   "directory of the built web application (empty: serve the API only)")
      ->capture_default_str();
  serve->add_option("--trusted-proxy", options->trusted_proxies,
                    "address of a reverse proxy whose X-Forwarded-For names the client "
                    "(repeatable; without it the header is ignored)");
  serve->add_flag("--secure-cookies", options->secure_cookies,
                  "name the session cookie __Host-tallinn_session and mark it Secure (behind an "
                  "HTTPS proxy; implied by --tls-cert)");
  serve->add_option("--tls-cert", options->tls_cert,
                    "PEM certificate chain: serve HTTPS only (TLS 1.2+, HSTS); needs --tls-key");
  serve->add_option("--tls-key", options->tls_key, "PEM private key (unencrypted) of --tls-cert");
  serve->add_option("--breached-passwords", options->breached_passwords,
                    "Pwned Passwords file (SHA1:COUNT lines ordered by hash) that new passwords "
                    "are refused from");
  serve->add_option("--config", options->config,
                    "file of `key = value` settings (docs/operations.md); flags win over it");
  serve->add_option("--log-format", options->log_format, "text or json (one object per line)")
      ->capture_default_str();
  serve->add_option("--log-level", options->log_level, "debug, info, warn or error")
      ->capture_default_str();
  serve->add_option("--metrics-listen", options->metrics_listen,
                    "HOST:PORT for GET /metrics (Prometheus); empty: off");
  serve->callback([=] {
    if (!options->config.empty()) {
      Status configured = apply_config_file(*serve, options->config);
      if (!configured.is_ok()) {
        *exit_code = report_error(configured);
        return;
      }
    }
    *exit_code = run_serve(*options);
  });
}

}  // namespace tallinn::cli
