#include "api/node_process.h"

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <thread>

#include "support/http_client.h"

namespace tallinn::testing {
namespace {

pid_t spawn(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  std::string binary = tallinn_binary();
  argv.push_back(binary.data());
  std::vector<std::string> copies = args;
  for (std::string& arg : copies) argv.push_back(arg.data());
  argv.push_back(nullptr);
  pid_t pid = fork();
  if (pid == 0) {
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

int wait_for(pid_t pid) {
  int status = 0;
  if (waitpid(pid, &status, 0) != pid) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

const char* tallinn_binary() { return TALLINN_BINARY; }

int run_tallinn(const std::vector<std::string>& args) {
  pid_t pid = spawn(args);
  return pid < 0 ? -1 : wait_for(pid);
}

uint16_t free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    close(fd);
    throw std::runtime_error("no free port");
  }
  close(fd);
  return ntohs(address.sin_port);
}

ServeNode::ServeNode(const std::string& database_url, uint16_t port) : port_(port) {
  pid_ = spawn({"serve", "--db", database_url, "--listen", "127.0.0.1:" + std::to_string(port),
                "--web-root", ""});
  if (pid_ < 0) throw std::runtime_error("fork failed");
}

ServeNode::~ServeNode() {
  if (pid_ < 0) return;
  kill(pid_, SIGKILL);
  wait_for(pid_);
}

bool ServeNode::wait_until_healthy(int timeout_ms) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < deadline) {
    if (request(port_, "GET", "/healthz").status == 200) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

int ServeNode::stop() {
  if (pid_ < 0) return -1;
  kill(pid_, SIGTERM);
  int code = wait_for(pid_);
  pid_ = -1;
  return code;
}

}  // namespace tallinn::testing
