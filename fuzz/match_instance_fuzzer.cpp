// The matching instance reader (matchio, simdjson) on any bytes: an instance
// or an error naming the element, never a crash. What it accepts must hold
// what the solver relies on (match/instance.h): amounts in (0, kMaxCents],
// budgets in [0, kMaxCents], priorities 1..5, classes in range.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "matchio/instance_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto instance = tallinn::matchio::parse_instance({reinterpret_cast<const char*>(data), size});
  if (!instance.is_ok()) return 0;
  for (const auto& need : instance->needs) {
    if (need.amount_cents <= 0 || need.amount_cents > tallinn::match::kMaxCents ||
        need.priority < 1 || need.priority > 5 || need.class_id < 0 ||
        need.class_id >= tallinn::match::kClassCount) {
      std::abort();
    }
  }
  for (const auto& offer : instance->offers) {
    if (offer.budget_cents < 0 || offer.budget_cents > tallinn::match::kMaxCents) std::abort();
  }
  return 0;
}
