// The audit verifier on chains built from fuzz bytes: a chain linked by
// link_entry() must verify; the same chain with one entry changed, dropped,
// duplicated or two entries swapped must not, unless the change left it
// byte-for-byte equal. The verifier must also never crash on the changed
// one, nor parse_checkpoint() on any text.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "audit/chain.h"

namespace {

using tallinn::AuditEntry;
using tallinn::audit::ChainVerifier;
using tallinn::audit::Checkpoint;

AuditEntry draft_from(FuzzedDataProvider& input) {
  AuditEntry draft;
  draft.time = input.ConsumeIntegral<int64_t>();
  draft.actor_user = input.ConsumeRandomLengthString(40);
  draft.actor_org = input.ConsumeRandomLengthString(40);
  draft.action = input.ConsumeRandomLengthString(40);
  draft.record_type = input.ConsumeRandomLengthString(20);
  draft.record_id = input.ConsumeRandomLengthString(40);
  draft.outcome = input.ConsumeRandomLengthString(20);
  draft.changed_fields = input.ConsumeRandomLengthString(40);
  draft.state_digest = input.ConsumeRandomLengthString(64);
  return draft;
}

bool verifies(const std::vector<AuditEntry>& chain, const Checkpoint* checkpoint) {
  ChainVerifier verifier = checkpoint ? ChainVerifier(*checkpoint) : ChainVerifier();
  for (const auto& entry : chain) {
    if (!verifier.add(entry).is_ok()) return false;
  }
  return verifier.finish().is_ok();
}

bool same(const std::vector<AuditEntry>& a, const std::vector<AuditEntry>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (tallinn::audit::entry_hash(a[i]) != tallinn::audit::entry_hash(b[i]) ||
        a[i].hash != b[i].hash || a[i].sequence != b[i].sequence ||
        a[i].previous_hash != b[i].previous_hash) {
      return false;
    }
  }
  return true;
}

// One change an attacker with write access to the table could make.
void tamper(std::vector<AuditEntry>& chain, FuzzedDataProvider& input) {
  size_t at = input.ConsumeIntegralInRange<size_t>(0, chain.size() - 1);
  switch (input.ConsumeIntegralInRange(0, 6)) {
    case 0:
      chain[at].action = input.ConsumeRandomLengthString(40);
      break;
    case 1:
      chain[at].time = input.ConsumeIntegral<int64_t>();
      break;
    case 2:
      chain[at].sequence = input.ConsumeIntegral<int64_t>();
      break;
    case 3:
      chain[at].hash = input.ConsumeRandomLengthString(70);
      break;
    case 4:
      chain.erase(chain.begin() + static_cast<std::ptrdiff_t>(at));
      break;
    case 5:
      chain.insert(chain.begin() + static_cast<std::ptrdiff_t>(at), chain[at]);
      break;
    default:
      std::swap(chain[at], chain[input.ConsumeIntegralInRange<size_t>(0, chain.size() - 1)]);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider input(data, size);
  static_cast<void>(tallinn::audit::parse_checkpoint(input.ConsumeRandomLengthString(100)));

  std::vector<AuditEntry> chain;
  size_t length = input.ConsumeIntegralInRange<size_t>(1, 8);
  for (size_t i = 0; i < length; ++i) {
    std::optional<AuditEntry> previous;
    if (!chain.empty()) previous = chain.back();
    chain.push_back(tallinn::audit::link_entry(draft_from(input), previous));
  }
  Checkpoint head{chain.back().sequence, chain.back().hash};
  if (!verifies(chain, nullptr) || !verifies(chain, &head)) std::abort();
  auto parsed = tallinn::audit::parse_checkpoint(tallinn::audit::format_checkpoint(head));
  if (!parsed.is_ok() || parsed->sequence != head.sequence || parsed->hash != head.hash) {
    std::abort();
  }

  std::vector<AuditEntry> tampered = chain;
  tamper(tampered, input);
  // Against the checkpoint every change shows, a dropped last entry included.
  if (!same(tampered, chain) && verifies(tampered, &head)) std::abort();
  return 0;
}
