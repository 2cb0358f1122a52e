#include "cli/match_command.h"

#include <malloc.h>

#include <iostream>
#include <new>
#include <string>

#include "match/solve.h"
#include "matchio/instance_reader.h"
#include "matchio/result_writer.h"

namespace tallinn::cli {
namespace {

struct MatchArguments {
  std::string instance_path;
  std::string output_path;  // empty: stdout
  double time_limit_seconds = 10.0;
  bool explain = false;
};

// Exit codes of add_match_command's contract.
constexpr int kSolved = 0;
constexpr int kFailed = 1;
constexpr int kBadInput = 2;

int run_match(const MatchArguments& arguments) {
  // The run allocates a few large buffers (the file, the needs, the result
  // text) and frees some while growing others; keeping freed memory in the
  // heap instead of returning it to the kernel halves the page faults.
  mallopt(M_MMAP_THRESHOLD, 1 << 30);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  Result<match::Instance> instance = matchio::read_instance_file(arguments.instance_path);
  if (!instance) {
    std::cerr << "match: " << instance.status().to_string() << "\n";
    return kBadInput;
  }
  match::SolveOptions options;
  options.time_limit_seconds = arguments.time_limit_seconds;
  options.explain = arguments.explain;
  Result<match::Solution> solution = match::solve(*instance, options);
  if (!solution) {
    std::cerr << "match: " << solution.status().to_string() << "\n";
    return kFailed;
  }
  const std::string text = matchio::format_result(*instance, *solution);
  if (arguments.output_path.empty()) {
    std::cout << text << std::flush;
    return std::cout ? kSolved : kFailed;
  }
  const Status written = matchio::write_file_atomically(arguments.output_path, text);
  if (!written) {
    std::cerr << "match: " << written.to_string() << "\n";
    return kFailed;
  }
  return kSolved;
}

}  // namespace

void add_match_command(CLI::App& app, int* exit_code) {
  auto* command = app.add_subcommand("match", "solve a matching instance (matching.md)");
  auto arguments = std::make_shared<MatchArguments>();
  command->add_option("instance", arguments->instance_path, "instance JSON file")->required();
  command->add_option("-o,--output", arguments->output_path, "result file (default: stdout)");
  command
      ->add_option("--time-limit", arguments->time_limit_seconds,
                   "seconds for closing the gap with indivisible needs")
      ->check(CLI::PositiveNumber);
  command->add_flag("--explain", arguments->explain, "add shadow prices and uncovered reasons");
  command->callback([arguments, exit_code] {
    try {
      *exit_code = run_match(*arguments);
    } catch (const std::bad_alloc&) {
      // The one exception the engine and reader can raise: out of memory.
      std::cerr << "match: out of memory\n";
      *exit_code = kFailed;
    }
  });
}

}  // namespace tallinn::cli
