#include "cli/serve_command.h"

#include <spdlog/spdlog.h>

#include <iostream>
#include <memory>

#include "api/api.h"
#include "cli/runtime.h"
#include "http/server.h"
#include "http/static_site.h"
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
  auto address = parse_listen(options.listen);
  if (!address.is_ok()) return report_error(address.status());
  auto runtime = Runtime::open(options.db, /*migrate=*/true);
  if (!runtime.is_ok()) return report_error(runtime.status());

  api::Api api((*runtime)->context(), api::ApiOptions{options.secure_cookies});
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
  http::Server server(server_options, router);
  auto port = server.start();
  if (!port.is_ok()) return report_error(port.status());
  spdlog::info("tallinn serving {} on {}:{}", store::redacted_url(options.db), address->first,
               *port);
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
                  "mark the session cookie Secure (behind HTTPS)");
  serve->callback([=] { *exit_code = run_serve(*options); });
}

}  // namespace tallinn::cli
