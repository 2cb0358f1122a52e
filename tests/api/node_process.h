// `tallinn` as a child process, for tests of what only separate processes
// show: two `tallinn serve` nodes on one database, the command line on a
// database a test prepared.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

namespace tallinn::testing {

// The built binary (TALLINN_BINARY, set by CMake).
const char* tallinn_binary();

// Runs `tallinn args...` to its end; its exit code (-1 when it could not
// run or died of a signal). Its output goes to the test's output.
int run_tallinn(const std::vector<std::string>& args);

// A port on 127.0.0.1 that was free a moment ago.
uint16_t free_port();

// `tallinn serve --db URL --listen 127.0.0.1:PORT --web-root ""`, stopped
// with SIGTERM (then SIGKILL) when destroyed.
class ServeNode {
 public:
  ServeNode(const std::string& database_url, uint16_t port);
  ~ServeNode();
  ServeNode(const ServeNode&) = delete;
  ServeNode& operator=(const ServeNode&) = delete;

  uint16_t port() const { return port_; }
  // Waits until GET /healthz answers 200, at most `timeout_ms`.
  bool wait_until_healthy(int timeout_ms);
  // SIGTERM and wait; the exit code (-1 after a signal).
  int stop();

 private:
  uint16_t port_;
  pid_t pid_ = -1;
};

}  // namespace tallinn::testing
