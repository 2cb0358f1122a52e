// match_bench --tallinn PATH --dir DIR [--sizes 10k,100k,1m] [--cbc-seconds S]
//             [--cbc-max-needs N] [--skip-reference]
//
// Times, on generated instances (instance_generator.h, seed 2024), all
// divisible and with 30% indivisible needs: `tallinn match` end to end (a
// child process), the parse alone (match_parse, a child process), the
// solve alone (in process), and the explicit-model references
// (references.h). Prints a Markdown table.
#include <malloc.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "instance_generator.h"
#include "match/solve.h"
#include "matchio/instance_reader.h"
#include "references.h"

namespace {

namespace fs = std::filesystem;
using tallinn::bench::GeneratorParameters;
using Clock = std::chrono::steady_clock;

struct Size {
  std::string name;
  int64_t needs, offers;
  int repeats;     // take the fastest of this many runs
  bool run_lemon;  // the explicit network fits in memory
};

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

fs::path instance_file(const fs::path& dir, const GeneratorParameters& parameters) {
  const fs::path file =
      dir /
      ("match_" + std::to_string(parameters.needs) + "x" + std::to_string(parameters.offers) +
       "_indiv" + std::to_string(static_cast<int>(parameters.indivisible_share * 100)) + ".json");
  if (!fs::exists(file)) {
    const std::string json = tallinn::bench::generate_instance_json(parameters);
    std::ofstream(file, std::ios::binary) << json;
  }
  return file;
}

// CPU seconds of this process and of its waited-for children: on a shared
// machine wall time measures the neighbours as much as the code.
double cpu_seconds() {
  timespec self;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &self);
  rusage children;
  getrusage(RUSAGE_CHILDREN, &children);
  auto seconds = [](const timeval& t) { return t.tv_sec + t.tv_usec * 1e-6; };
  return self.tv_sec + self.tv_nsec * 1e-9 + seconds(children.ru_utime) +
         seconds(children.ru_stime);
}

struct Timing {
  double wall = 1e300;
  double cpu = 1e300;
};

// The fastest of `repeats` runs, wall and CPU separately.
template <typename Run>
Timing fastest(int repeats, Run run) {
  Timing best;
  for (int k = 0; k < repeats; ++k) {
    const auto start = Clock::now();
    const double cpu_start = cpu_seconds();
    run();
    best.cpu = std::min(best.cpu, cpu_seconds() - cpu_start);
    best.wall = std::min(best.wall, seconds_since(start));
  }
  return best;
}

std::string fixed(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

std::string both(const Timing& timing) {
  return fixed(timing.cpu, 3) + " (" + fixed(timing.wall, 3) + ")";
}

std::string relative_difference(double a, double b) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.1e", std::abs(a - b) / std::max(1.0, std::abs(b)));
  return buffer;
}

}  // namespace

int main(int argc, char** argv) {
  // The same heap policy as `tallinn match` (cli/match_command.cpp), so that
  // the parse alone is timed as the command runs it.
  mallopt(M_MMAP_THRESHOLD, 1 << 30);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  std::string tallinn, sizes_wanted = "10k,100k,1m";
  fs::path dir = fs::temp_directory_path();
  double cbc_seconds = 60;
  int64_t cbc_max_needs = 10'000;
  bool skip_reference = false;
  for (int k = 1; k < argc; ++k) {
    const std::string flag = argv[k];
    if (flag == "--tallinn" && k + 1 < argc)
      tallinn = argv[++k];
    else if (flag == "--dir" && k + 1 < argc)
      dir = argv[++k];
    else if (flag == "--sizes" && k + 1 < argc)
      sizes_wanted = argv[++k];
    else if (flag == "--cbc-seconds" && k + 1 < argc)
      cbc_seconds = std::stod(argv[++k]);
    else if (flag == "--cbc-max-needs" && k + 1 < argc)
      cbc_max_needs = std::stoll(argv[++k]);
    else if (flag == "--skip-reference")
      skip_reference = true;
    else {
      std::cerr << "usage: match_bench --tallinn PATH [--dir DIR] [--sizes 10k,100k,1m] "
                   "[--cbc-seconds S] [--cbc-max-needs N] [--skip-reference]\n";
      return 2;
    }
  }
  if (tallinn.empty()) {
    std::cerr << "match_bench: --tallinn PATH is required\n";
    return 2;
  }
  const std::vector<Size> sizes = {{"10k", 10'000, 100, 3, true},
                                   {"100k", 100'000, 500, 3, true},
                                   {"1m", 1'000'000, 2'000, 1, false}};
  std::cout << "CPU seconds (user+sys), fastest of the repeats; wall seconds in parentheses.\n\n"
               "| instance | indivisible | parse | solve | end to end | e2e/parse | status | gap | "
               "LEMON NS (explicit) | LEMON/e2e | LEMON obj diff | CBC (explicit) | CBC status | "
               "CBC obj diff |\n"
               "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";
  for (const Size& size : sizes) {
    if (sizes_wanted.find(size.name) == std::string::npos) continue;
    for (double share : {0.0, 0.3}) {
      const GeneratorParameters parameters{size.needs, size.offers, 2024, share};
      const fs::path file = instance_file(dir, parameters);
      // The parse alone runs as a fresh process (match_parse), like the
      // command: in this process a later parse would reuse the heap of an
      // earlier one and skip the page faults the command pays.
      const std::string parse_command = std::string(MATCH_PARSE_BINARY) + " " + file.string();
      int exit_code = 0;
      const Timing parse =
          fastest(size.repeats, [&] { exit_code = std::system(parse_command.c_str()); });
      const tallinn::Result<tallinn::match::Instance> instance =
          tallinn::matchio::read_instance_file(file.string());
      if (exit_code != 0 || !instance) {
        std::cerr << "match_bench: cannot read " << file << "\n";
        return 1;
      }
      tallinn::Result<tallinn::match::Solution> solution =
          tallinn::Status(tallinn::internal_error());
      const Timing solve = fastest(size.repeats, [&] {
        solution = tallinn::match::solve(*instance, tallinn::match::SolveOptions{});
      });
      const std::string command =
          tallinn + " match " + file.string() + " -o " + (dir / "match_bench_result.json").string();
      const Timing end_to_end =
          fastest(size.repeats, [&] { exit_code = std::system(command.c_str()); });
      if (!solution || exit_code != 0) {
        std::cerr << "match_bench: solving " << file << " failed\n";
        return 1;
      }
      const bool optimal = solution->status == tallinn::match::SolveStatus::kOptimal;
      std::cout << "| " << size.needs << " x " << size.offers << " | " << share * 100 << "% | "
                << both(parse) << " | " << both(solve) << " | " << both(end_to_end) << " | "
                << fixed(end_to_end.cpu / parse.cpu, 2) << " | "
                << (optimal ? "optimal" : "feasible") << " | "
                << relative_difference(solution->bound, solution->objective) << " | ";
      tallinn::bench::ReferenceOutcome lemon, cbc;
      Timing lemon_time, cbc_time;
      if (!skip_reference && size.run_lemon && share == 0.0) {
        lemon_time = fastest(1, [&] { lemon = tallinn::bench::lemon_network_simplex(*instance); });
      }
      if (!skip_reference && size.needs <= cbc_max_needs) {
        cbc_time = fastest(1, [&] { cbc = tallinn::bench::cbc_mip(*instance, cbc_seconds); });
      }
      if (lemon.ran) {
        std::cout << both(lemon_time) << ", " << lemon.edges << " arcs | "
                  << fixed(lemon_time.cpu / end_to_end.cpu, 1) << "x | "
                  << relative_difference(lemon.objective, solution->objective) << " | ";
      } else {
        std::cout << "- | - | - | ";
      }
      if (cbc.ran) {
        std::cout << both(cbc_time) << " | " << (cbc.finished ? "optimal" : "limit hit")
                  << " (bound gap " << relative_difference(cbc.bound, cbc.objective) << ") | "
                  << relative_difference(cbc.objective, solution->objective) << " |\n";
      } else {
        std::cout << "- | - | - |\n";
      }
      std::cout << std::flush;
    }
  }
  return 0;
}
