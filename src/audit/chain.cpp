#include "audit/chain.h"

#include <sodium.h>

#include <array>

#include "core/id.h"

namespace tallinn::audit {

namespace {

// Distinguishes this encoding from any other hashed by tallinn, and from
// later versions of itself.
constexpr std::string_view kEntryEncoding = "tallinn.audit.entry.v1";

// libsodium's SHA-256 is portable code without CPU dispatch, so it needs no
// sodium_init().
class Sha256 {
 public:
  Sha256() { crypto_hash_sha256_init(&state_); }

  void add(std::string_view data) {
    crypto_hash_sha256_update(&state_, reinterpret_cast<const unsigned char*>(data.data()),
                              data.size());
  }

  // The field's length as 8 bytes, big-endian, then the field.
  void add_field(std::string_view field) {
    std::array<unsigned char, 8> length;
    uint64_t size = field.size();
    for (int i = 7; i >= 0; --i, size >>= 8) length[i] = static_cast<unsigned char>(size & 0xff);
    crypto_hash_sha256_update(&state_, length.data(), length.size());
    add(field);
  }

  void add_field(int64_t number) { add_field(std::to_string(number)); }

  std::string hex() {
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest;
    crypto_hash_sha256_final(&state_, digest.data());
    return to_hex(digest.data(), digest.size());
  }

 private:
  crypto_hash_sha256_state state_;
};

Status broken_at(int64_t sequence, const std::string& why) {
  return Status(ErrorCode::kConflict,
                "audit trail broken at sequence " + std::to_string(sequence) + ": " + why);
}

}  // namespace

std::string sha256_hex(std::string_view data) {
  Sha256 sha;
  sha.add(data);
  return sha.hex();
}

std::string state_digest(std::string_view canonical_state) { return sha256_hex(canonical_state); }

std::string entry_hash(const AuditEntry& entry) {
  Sha256 sha;
  sha.add_field(kEntryEncoding);
  sha.add_field(entry.previous_hash);
  sha.add_field(entry.sequence);
  sha.add_field(entry.time);
  sha.add_field(entry.actor_user);
  sha.add_field(entry.actor_org);
  sha.add_field(entry.action);
  sha.add_field(entry.record_type);
  sha.add_field(entry.record_id);
  sha.add_field(entry.outcome);
  sha.add_field(entry.changed_fields);
  sha.add_field(entry.state_digest);
  return sha.hex();
}

AuditEntry link_entry(AuditEntry draft, const std::optional<AuditEntry>& previous) {
  draft.sequence = previous ? previous->sequence + 1 : 1;
  draft.previous_hash = previous ? previous->hash : std::string(kGenesisHash);
  draft.hash = entry_hash(draft);
  return draft;
}

std::string format_checkpoint(const Checkpoint& checkpoint) {
  return checkpoint.hash + ":" + std::to_string(checkpoint.sequence);
}

Result<Checkpoint> parse_checkpoint(std::string_view text) {
  auto malformed = [] {
    return Status(ErrorCode::kMalformed, "must be HASH:COUNT as printed by audit checkpoint",
                  "checkpoint");
  };
  size_t colon = text.find(':');
  if (colon != kGenesisHash.size()) return malformed();
  std::string_view hash = text.substr(0, colon);
  std::string_view count = text.substr(colon + 1);
  if (hash.find_first_not_of("0123456789abcdef") != std::string_view::npos) return malformed();
  if (count.empty() || count.size() > 18 ||
      count.find_first_not_of("0123456789") != std::string_view::npos) {
    return malformed();
  }
  return Checkpoint{std::stoll(std::string(count)), std::string(hash)};
}

Status ChainVerifier::fail(int64_t sequence, const std::string& why) {
  failure_ = broken_at(sequence, why);
  return failure_;
}

Status ChainVerifier::add(const AuditEntry& entry) {
  if (!failure_.is_ok()) return failure_;
  const int64_t expected = count_ + 1;
  if (entry.sequence != expected) {
    return fail(expected, "found sequence " + std::to_string(entry.sequence) +
                              " (an entry is missing, moved or inserted)");
  }
  if (entry.previous_hash != head_hash_) {
    return fail(expected, "previous_hash does not match the entry before it");
  }
  if (entry_hash(entry) != entry.hash) {
    return fail(expected, "hash does not match the entry's content");
  }
  if (checkpoint_ && checkpoint_->sequence == entry.sequence && checkpoint_->hash != entry.hash) {
    return fail(expected, "hash differs from the checkpoint recorded there");
  }
  count_ = expected;
  head_hash_ = entry.hash;
  return Status::ok();
}

Status ChainVerifier::finish() const {
  if (!failure_.is_ok()) return failure_;
  if (checkpoint_ && count_ < checkpoint_->sequence) {
    return broken_at(count_ + 1,
                     "the trail ends before checkpoint " + std::to_string(checkpoint_->sequence));
  }
  return Status::ok();
}

}  // namespace tallinn::audit
