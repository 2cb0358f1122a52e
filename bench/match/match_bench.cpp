// match_bench --tallinn PATH --dir DIR [--sizes 10k,100k,1m] [--cbc-seconds S]
//             [--skip-reference]
//
// Times, on generated instances (instance_generator.h, seed 2024), all
// divisible and with 30% indivisible needs: `tallinn match` end to end (a
// child process), the parse alone and the solve alone (in process), and
// the explicit-model references (references.h). Prints a Markdown table.
#include <sys/wait.h>

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
  int repeats;         // take the fastest of this many runs
  bool run_lemon;      // the explicit network fits in memory
};

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

fs::path instance_file(const fs::path& dir, const GeneratorParameters& parameters) {
  const fs::path file = dir / ("match_" + std::to_string(parameters.needs) + "x" +
                               std::to_string(parameters.offers) + "_indiv" +
                               std::to_string(static_cast<int>(parameters.indivisible_share * 100)) +
                               ".json");
  if (!fs::exists(file)) {
    const std::string json = tallinn::bench::generate_instance_json(parameters);
    std::ofstream(file, std::ios::binary) << json;
  }
  return file;
}

template <typename Run>
double fastest(int repeats, Run run) {
  double best = 1e300;
  for (int k = 0; k < repeats; ++k) {
    const auto start = Clock::now();
    run();
    best = std::min(best, seconds_since(start));
  }
  return best;
}

std::string fixed(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

std::string relative_difference(double a, double b) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.1e", std::abs(a - b) / std::max(1.0, std::abs(b)));
  return buffer;
}

}  // namespace

int main(int argc, char** argv) {
  std::string tallinn, sizes_wanted = "10k,100k,1m";
  fs::path dir = fs::temp_directory_path();
  double cbc_seconds = 60;
  bool skip_reference = false;
  for (int k = 1; k < argc; ++k) {
    const std::string flag = argv[k];
    if (flag == "--tallinn" && k + 1 < argc) tallinn = argv[++k];
    else if (flag == "--dir" && k + 1 < argc) dir = argv[++k];
    else if (flag == "--sizes" && k + 1 < argc) sizes_wanted = argv[++k];
    else if (flag == "--cbc-seconds" && k + 1 < argc) cbc_seconds = std::stod(argv[++k]);
    else if (flag == "--skip-reference") skip_reference = true;
    else {
      std::cerr << "usage: match_bench --tallinn PATH [--dir DIR] [--sizes 10k,100k,1m] "
                   "[--cbc-seconds S] [--skip-reference]\n";
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
  std::cout << "| instance | indivisible | parse s | solve s | end-to-end s | e2e/parse | status | "
               "gap | LEMON NS s | LEMON/e2e | LEMON obj diff | CBC s | CBC status | CBC obj diff |\n"
               "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";
  for (const Size& size : sizes) {
    if (sizes_wanted.find(size.name) == std::string::npos) continue;
    for (double share : {0.0, 0.3}) {
      const GeneratorParameters parameters{size.needs, size.offers, 2024, share};
      const fs::path file = instance_file(dir, parameters);
      tallinn::Result<tallinn::match::Instance> instance = tallinn::Status(tallinn::internal_error());
      const double parse = fastest(size.repeats, [&] {
        instance = tallinn::matchio::read_instance_file(file.string());
      });
      if (!instance) {
        std::cerr << instance.status().to_string() << "\n";
        return 1;
      }
      tallinn::Result<tallinn::match::Solution> solution = tallinn::Status(tallinn::internal_error());
      const double solve = fastest(size.repeats, [&] {
        solution = tallinn::match::solve(*instance, tallinn::match::SolveOptions{});
      });
      const std::string command =
          tallinn + " match " + file.string() + " -o " + (dir / "match_bench_result.json").string();
      int exit_code = 0;
      const double end_to_end = fastest(size.repeats, [&] { exit_code = std::system(command.c_str()); });
      if (!solution || exit_code != 0) {
        std::cerr << "match_bench: solving " << file << " failed\n";
        return 1;
      }
      const bool optimal = solution->status == tallinn::match::SolveStatus::kOptimal;
      std::cout << "| " << size.needs << " x " << size.offers << " | " << share * 100 << "% | "
                << fixed(parse, 3) << " | " << fixed(solve, 3) << " | " << fixed(end_to_end, 3)
                << " | " << fixed(end_to_end / parse, 2) << " | " << (optimal ? "optimal" : "feasible")
                << " | " << relative_difference(solution->bound, solution->objective) << " | ";
      tallinn::bench::ReferenceOutcome lemon, cbc;
      if (!skip_reference && size.run_lemon && share == 0.0) lemon = tallinn::bench::lemon_network_simplex(*instance);
      if (!skip_reference && size.needs <= 100'000) cbc = tallinn::bench::cbc_mip(*instance, cbc_seconds);
      if (lemon.ran) {
        std::cout << fixed(lemon.seconds, 2) << " (" << lemon.edges << " arcs) | "
                  << fixed(lemon.seconds / end_to_end, 1) << "x | "
                  << relative_difference(lemon.objective, solution->objective) << " | ";
      } else {
        std::cout << "- | - | - | ";
      }
      if (cbc.ran) {
        std::cout << fixed(cbc.seconds, 2) << " | " << (cbc.finished ? "optimal" : "limit hit")
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
