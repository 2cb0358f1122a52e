#include "instance_generator.h"

#include <algorithm>
#include <cmath>
#include <span>
#include <vector>

#include "match/vocabulary.h"
#include "matchio/money.h"

namespace tallinn::bench {
namespace {

class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)
  int below(int bound) { return static_cast<int>(next() % static_cast<uint64_t>(bound)); }
  double normal() {  // Box-Muller
    const double u = 1.0 - uniform();
    return std::sqrt(-2.0 * std::log(u)) * std::cos(6.283185307179586 * uniform());
  }

 private:
  uint64_t state_;
};

constexpr double kPriorityCumulative[] = {0.35, 0.62, 0.82, 0.94, 1.0};
constexpr const char* kDonors[] = {"EE", "CA", "DK", "FR", "DE", "IT",
                                   "NL", "PL", "SE", "GB", "US", "EU"};
constexpr double kBudgetShare = 0.55;

// Any with probability `p_any`, else 1..max_size distinct codes of `count`.
uint32_t draw_filter(SplitMix64& random, int count, double p_any, int max_size) {
  if (random.uniform() < p_any) return 0;
  const int size = 1 + random.below(max_size);
  std::vector<int> codes(count);
  for (int k = 0; k < count; ++k) codes[k] = k;
  uint32_t mask = 0;
  for (int k = 0; k < size; ++k) {
    const int pick = k + random.below(count - k);
    std::swap(codes[k], codes[pick]);
    mask |= 1u << codes[k];
  }
  return mask;
}

void append_list(std::string* out, uint32_t mask, std::span<const std::string_view> names) {
  out->push_back('[');
  bool first = true;
  for (size_t k = 0; k < names.size(); ++k) {
    if (!(mask >> k & 1u)) continue;
    if (!first) out->push_back(',');
    first = false;
    out->append("\"").append(names[k]).append("\"");
  }
  out->push_back(']');
}

}  // namespace

std::string generate_instance_json(const GeneratorParameters& parameters) {
  using namespace match;
  SplitMix64 random(parameters.seed);
  std::string out;
  out.reserve(static_cast<size_t>(parameters.needs) * 130 + parameters.offers * 200 + 64);
  out.append("{\"currency\":\"EUR\",\"needs\":[\n");
  std::vector<double> class_demand(kClassCount, 0);
  double total_need = 0;
  for (int64_t i = 0; i < parameters.needs; ++i) {
    const int sector = random.below(kSectorCount), region = random.below(kRegionCount);
    const int category = random.below(kCategoryCount);
    const double draw = random.uniform();
    int priority = 1;
    while (draw >= kPriorityCumulative[priority - 1]) ++priority;
    const double euros = std::exp(std::log(40'000.0) + random.normal());
    const int64_t cents = std::clamp<int64_t>(std::llround(euros * 100), 10'000, 5'000'000'000);
    const bool indivisible = random.uniform() < parameters.indivisible_share;
    class_demand[class_of(sector, region, category)] += static_cast<double>(cents);
    total_need += static_cast<double>(cents);
    if (i > 0) out.append(",\n");
    out.append("{\"id\":\"N-").append(std::to_string(i + 1)).append("\",\"amount\":");
    matchio::append_cents(cents, &out);
    out.append(",\"priority\":").append(std::to_string(priority));
    out.append(",\"sector\":\"").append(sector_names()[sector]);
    out.append("\",\"region\":\"").append(region_names()[region]);
    out.append("\",\"category\":\"").append(category_names()[category]).append("\"");
    if (indivisible) out.append(",\"divisible\":false");
    out.push_back('}');
  }
  out.append("\n],\"offers\":[\n");

  struct Drawn {
    int donor;
    uint32_t sectors, regions, categories;
    double weight;
  };
  std::vector<Drawn> offers(parameters.offers);
  double total_weight = 0;
  for (Drawn& offer : offers) {
    offer.donor = random.below(12);
    offer.sectors = draw_filter(random, kSectorCount, 0.30, 5);
    offer.regions = draw_filter(random, kRegionCount, 0.45, 8);
    offer.categories = draw_filter(random, kCategoryCount, 0.30, 4);
    double accepted = 1;
    for (int c = 0; c < kClassCount; ++c) {
      const bool in = (!offer.sectors || offer.sectors >> sector_of_class(c) & 1u) &&
                      (!offer.regions || offer.regions >> region_of_class(c) & 1u) &&
                      (!offer.categories || offer.categories >> category_of_class(c) & 1u);
      if (in) accepted += class_demand[c];
    }
    offer.weight = std::pow(accepted, 0.8) * std::exp(0.8 * random.normal());
    total_weight += offer.weight;
  }
  for (size_t j = 0; j < offers.size(); ++j) {
    const Drawn& offer = offers[j];
    const int64_t budget = std::max<int64_t>(
        100'000, std::llround(offer.weight / total_weight * kBudgetShare * total_need));
    if (j > 0) out.append(",\n");
    out.append("{\"id\":\"O-").append(std::to_string(j + 1)).append("\",\"donor\":\"");
    out.append(kDonors[offer.donor]).append("\",\"budget\":");
    matchio::append_cents(budget, &out);
    out.append(",\"sectors\":");
    append_list(&out, offer.sectors, sector_names());
    out.append(",\"regions\":");
    append_list(&out, offer.regions, region_names());
    out.append(",\"categories\":");
    append_list(&out, offer.categories, category_names());
    out.push_back('}');
  }
  out.append("\n]}\n");
  return out;
}

}  // namespace tallinn::bench
