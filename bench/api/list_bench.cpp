// The cost of reading needs through the API at 100,000 needs: the first and
// a deep list page as a beneficiary and as the back office, and a single
// GET, each as a ratio to /healthz measured in the same run over the same
// kept-alive connection. A list page must cost O(page), not O(table).
//
// Usage: list_bench [--needs N] [--rounds R]
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api/test_platform.h"
#include "core/id.h"

namespace tallinn {
namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  int needs = 100'000;
  int rounds = 300;
};

// Inserts `count` needs straight through the store in one transaction: a
// fixture, not the thing measured. One in ten belongs to the benchmark's
// beneficiary; markings cycle through all five.
void insert_needs(testing::TestPlatform& platform, int count) {
  auto& context = platform.context();
  auto transaction = context.store.begin(store::TransactionMode::kWrite);
  if (!transaction.is_ok()) throw std::runtime_error(transaction.status().to_string());
  int64_t now = context.clock.now_ms();
  for (int i = 0; i < count; ++i) {
    Need need;
    need.id = new_id(context.random);
    need.org = i % 10 == 0 ? platform.org("beneficiary") : platform.org("beneficiary2");
    need.title = "Need number " + std::to_string(i);
    need.description = "Bench fixture";
    need.sector = static_cast<Sector>(i % kSectorCount);
    need.region = i % kRegionCount;
    need.category = static_cast<Category>(i % kCategoryCount);
    need.amount = 100'000 + i;
    need.priority = 1 + i % 5;
    need.tlp = static_cast<Tlp>(i % kTlpCount);
    need.status = NeedStatus::kSubmitted;
    need.creator = platform.user("front_office");
    need.created_at = need.updated_at = now - count + i;
    Status inserted = (*transaction)->insert_need(need);
    if (!inserted.is_ok()) throw std::runtime_error(inserted.to_string());
  }
  Status committed = (*transaction)->commit();
  if (!committed.is_ok()) throw std::runtime_error(committed.to_string());
}

struct Timing {
  double median_us = 0;
  double p90_us = 0;
};

Timing time_requests(testing::HttpConnection& connection, const std::string& token,
                     const std::string& target, int rounds) {
  std::vector<double> samples;
  testing::HeaderList headers;
  if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
  for (int i = 0; i < rounds; ++i) {
    auto start = Clock::now();
    auto result = connection.request("GET", target, {}, headers);
    auto elapsed = std::chrono::duration<double, std::micro>(Clock::now() - start).count();
    if (result.status != 200) {
      throw std::runtime_error(target + " answered " + std::to_string(result.status));
    }
    samples.push_back(elapsed);
  }
  std::sort(samples.begin(), samples.end());
  return {samples[samples.size() / 2], samples[samples.size() * 9 / 10]};
}

// Walks `pages` pages of `limit` and returns the cursor of the next one.
std::string deep_cursor(testing::TestPlatform& platform, const std::string& as, int pages,
                        int limit) {
  std::string cursor;
  for (int i = 0; i < pages; ++i) {
    std::string target = "/api/v1/needs?limit=" + std::to_string(limit) +
                         (cursor.empty() ? "" : "&cursor=" + cursor);
    auto page = nlohmann::json::parse(platform.call(as, "GET", target).body);
    if (page["next"].is_null()) break;
    cursor = page["next"].get<std::string>();
  }
  return cursor;
}

int run(const Options& options) {
  spdlog::set_level(spdlog::level::warn);  // one log line per request would be measured too
  testing::TestPlatform platform;
  insert_needs(platform, options.needs);
  testing::HttpConnection connection(platform.port());

  auto healthz = time_requests(connection, "", "/healthz", options.rounds);
  std::printf("needs=%d rounds=%d (median and p90 per request, ratio = median / healthz median)\n",
              options.needs, options.rounds);
  std::printf("%-44s %10s %10s %8s\n", "request", "median_us", "p90_us", "ratio");
  auto report = [&](const char* name, const Timing& timing) {
    std::printf("%-44s %10.1f %10.1f %8.2f\n", name, timing.median_us, timing.p90_us,
                timing.median_us / healthz.median_us);
  };
  report("GET /healthz", healthz);

  for (const char* as : {"beneficiary", "back_office"}) {
    const std::string& token = platform.token(as);
    auto first = time_requests(connection, token, "/api/v1/needs?limit=50", options.rounds);
    std::string cursor = deep_cursor(platform, as, 200, 50);
    auto deep =
        time_requests(connection, token, "/api/v1/needs?limit=50&cursor=" + cursor, options.rounds);
    report((std::string("first page (50) as ") + as).c_str(), first);
    report((std::string("page 201 (50) as ") + as).c_str(), deep);
  }
  auto one = nlohmann::json::parse(
      platform.call("back_office", "GET", "/api/v1/needs?limit=1").body)["items"][0]["id"];
  auto get = time_requests(connection, platform.token("back_office"),
                           "/api/v1/needs/" + one.get<std::string>(), options.rounds);
  report("GET /api/v1/needs/{id} as back_office", get);
  return 0;
}

}  // namespace
}  // namespace tallinn

int main(int argc, char** argv) {
  tallinn::Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--needs") == 0) options.needs = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--rounds") == 0) options.rounds = std::atoi(argv[i + 1]);
  }
  try {
    return tallinn::run(options);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "list_bench: %s\n", error.what());
    return 1;
  }
}
