// The HTTP API of tallinn (api.md): thin handlers that parse a request, call
// one service function and serialise the answer. No domain logic lives here.
#pragma once

#include <memory>

#include "http/router.h"
#include "service/context.h"

namespace tallinn::api {

struct ApiOptions {
  // Mark the session cookie Secure and name it __Host-tallinn_session
  // (http/cookies.h). Off only where the server is reached over plain HTTP
  // on loopback (development, the demo, tests).
  bool secure_cookies = false;
};

class Api {
 public:
  Api(service::Context& context, ApiOptions options);
  ~Api();

  // Adds every route to `router`. The Api must outlive the router's use.
  void install(http::Router& router);

  // The services behind the handlers (defined in handler_support.h).
  struct Services;

 private:
  std::unique_ptr<Services> services_;
};

}  // namespace tallinn::api
