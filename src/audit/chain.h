// The audit trail's hash chain. Each entry's hash covers every field of the
// entry and the previous entry's hash, so changing, deleting, reordering or
// inserting any entry breaks the chain from that point on; a checkpoint (a
// sequence number and the hash there, kept outside the database) also
// exposes a trail cut short or rewritten from some entry to its end.
//
// Pure functions and a single-threaded verifier; no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/audit_record.h"
#include "core/status.h"

namespace tallinn::audit {

// The previous_hash of the first entry.
inline constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// Lower-case hex SHA-256 of `data`.
std::string sha256_hex(std::string_view data);

// The state_digest of an entry: the hex SHA-256 of the record's canonical
// serialisation (the caller's one JSON mapping of the record).
std::string state_digest(std::string_view canonical_state);

// SHA-256 over previous_hash and every other field of `entry` but `hash`
// (sequence, time, actor_user, actor_org, action, record_type, record_id,
// outcome, changed_fields, state_digest). Each field is length-prefixed, so
// no two different entries encode alike.
std::string entry_hash(const AuditEntry& entry);

// `draft` made the entry after `previous` (nullopt for the first): sequence,
// previous_hash and hash are filled in; any values they had are replaced.
AuditEntry link_entry(AuditEntry draft, const std::optional<AuditEntry>& previous);

// A point of the chain recorded somewhere the database's writers cannot
// change (printed, exported, sent to the coordination group).
struct Checkpoint {
  int64_t sequence = 0;
  std::string hash;
};

// A checkpoint as one line of text, "HASH:COUNT" (the head hash in lower-case
// hex, then the number of entries), what `tallinn audit checkpoint` prints and
// `audit verify --checkpoint` reads. parse_checkpoint() is kMalformed naming
// "checkpoint" for anything else.
std::string format_checkpoint(const Checkpoint& checkpoint);
Result<Checkpoint> parse_checkpoint(std::string_view text);

// Checks a trail fed to it in sequence order, entry by entry, so that a long
// trail is verified in constant memory.
//
// Errors are kConflict with a message naming the first sequence number at
// which the trail is broken. The first error sticks: later add() and finish()
// calls return it again.
class ChainVerifier {
 public:
  ChainVerifier() = default;
  // The trail must also pass through `checkpoint` (see finish()).
  explicit ChainVerifier(Checkpoint checkpoint) : checkpoint_(std::move(checkpoint)) {}

  // Checks `entry` against everything added before it: its sequence follows
  // the last one, its previous_hash is the last hash, its hash is its own.
  Status add(const AuditEntry& entry);

  // The verdict on the whole trail: OK when every entry was intact and the
  // trail reached the checkpoint, if there is one, with the hash recorded
  // there. An empty trail is intact.
  Status finish() const;

  // Entries accepted so far.
  int64_t count() const { return count_; }
  // The hash of the last accepted entry, kGenesisHash when there is none.
  const std::string& head_hash() const { return head_hash_; }

 private:
  Status fail(int64_t sequence, const std::string& why);

  std::optional<Checkpoint> checkpoint_;
  int64_t count_ = 0;
  std::string head_hash_{kGenesisHash};
  Status failure_;
};

}  // namespace tallinn::audit
