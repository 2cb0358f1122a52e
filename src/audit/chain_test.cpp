#include "audit/chain.h"

#include <gtest/gtest.h>

#include <functional>
#include <vector>

namespace tallinn::audit {
namespace {

using Trail = std::vector<AuditEntry>;

Trail make_trail(int size) {
  Trail trail;
  std::optional<AuditEntry> previous;
  for (int i = 0; i < size; ++i) {
    AuditEntry draft;
    draft.time = 1'790'000'000'000 + i * 1000;
    draft.actor_user = "user-" + std::to_string(i % 3);
    draft.actor_org = "org-" + std::to_string(i % 2);
    draft.action = i % 2 ? "need.update" : "need.create";
    draft.record_type = "need";
    draft.record_id = "need-" + std::to_string(i / 2);
    draft.outcome = i % 4 == 3 ? "forbidden" : "ok";
    draft.changed_fields = i % 2 ? "amount,title" : "";
    draft.state_digest = state_digest("state " + std::to_string(i));
    previous = link_entry(draft, previous);
    trail.push_back(*previous);
  }
  return trail;
}

Status verify(const Trail& trail, std::optional<Checkpoint> checkpoint = std::nullopt) {
  ChainVerifier verifier = checkpoint ? ChainVerifier(*checkpoint) : ChainVerifier();
  for (const AuditEntry& entry : trail) {
    Status added = verifier.add(entry);
    if (!added.is_ok()) return added;
  }
  return verifier.finish();
}

Checkpoint head_of(const Trail& trail) { return {trail.back().sequence, trail.back().hash}; }

// One way to change each field of an entry.
const std::vector<std::pair<const char*, std::function<void(AuditEntry&)>>> kFieldChanges = {
    {"sequence", [](AuditEntry& e) { e.sequence += 1; }},
    {"time", [](AuditEntry& e) { e.time += 1; }},
    {"actor_user", [](AuditEntry& e) { e.actor_user += "x"; }},
    {"actor_org", [](AuditEntry& e) { e.actor_org = "org-other"; }},
    {"action", [](AuditEntry& e) { e.action = "need.delete"; }},
    {"record_type", [](AuditEntry& e) { e.record_type = "offer"; }},
    {"record_id", [](AuditEntry& e) { e.record_id += "0"; }},
    {"outcome", [](AuditEntry& e) { e.outcome = e.outcome == "ok" ? "forbidden" : "ok"; }},
    {"changed_fields", [](AuditEntry& e) { e.changed_fields += ",tlp"; }},
    {"state_digest", [](AuditEntry& e) { e.state_digest = state_digest("forged"); }},
    {"previous_hash", [](AuditEntry& e) { e.previous_hash[0] ^= 1; }},
    {"hash", [](AuditEntry& e) { e.hash[63] ^= 1; }},
};

TEST(ChainTest, IntactTrailVerifies) {
  Trail trail = make_trail(10);
  ChainVerifier verifier(head_of(trail));
  for (const AuditEntry& entry : trail) EXPECT_TRUE(verifier.add(entry));
  EXPECT_TRUE(verifier.finish());
  EXPECT_EQ(verifier.count(), 10);
  EXPECT_EQ(verifier.head_hash(), trail.back().hash);
}

TEST(ChainTest, EmptyTrailIsIntact) {
  ChainVerifier verifier;
  EXPECT_TRUE(verifier.finish());
  EXPECT_EQ(verifier.count(), 0);
  EXPECT_EQ(verifier.head_hash(), kGenesisHash);
}

TEST(ChainTest, LinkingNumbersAndChainsEntries) {
  Trail trail = make_trail(3);
  EXPECT_EQ(trail[0].sequence, 1);
  EXPECT_EQ(trail[0].previous_hash, kGenesisHash);
  EXPECT_EQ(trail[1].sequence, 2);
  EXPECT_EQ(trail[1].previous_hash, trail[0].hash);
  EXPECT_EQ(trail[2].previous_hash, trail[1].hash);
  EXPECT_EQ(trail[2].hash, entry_hash(trail[2]));
  EXPECT_EQ(trail[2].hash.size(), 64u);
}

TEST(ChainTest, Sha256MatchesKnownVectors) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(state_digest(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(ChainTest, EveryFieldOfEveryEntryIsCovered) {
  const Trail intact = make_trail(10);
  for (size_t index = 0; index < intact.size(); ++index) {
    for (const auto& [field, change] : kFieldChanges) {
      Trail trail = intact;
      change(trail[index]);
      Status verdict = verify(trail);
      EXPECT_FALSE(verdict.is_ok()) << field << " of entry " << index + 1;
      EXPECT_NE(verdict.message().find("sequence " + std::to_string(index + 1)), std::string::npos)
          << field << " of entry " << index + 1 << ": " << verdict.message();
    }
  }
}

TEST(ChainTest, FieldBoundariesCannotBeShifted) {
  AuditEntry entry = make_trail(1)[0];
  AuditEntry shifted = entry;
  shifted.actor_user = entry.actor_user + entry.actor_org.substr(0, 1);
  shifted.actor_org = entry.actor_org.substr(1);
  EXPECT_NE(entry_hash(entry), entry_hash(shifted));
}

TEST(ChainTest, DeletedEntryIsDetected) {
  const Trail intact = make_trail(10);
  for (size_t index = 0; index < intact.size(); ++index) {
    Trail trail = intact;
    trail.erase(trail.begin() + static_cast<std::ptrdiff_t>(index));
    EXPECT_FALSE(verify(trail, head_of(intact))) << "without entry " << index + 1;
    // Only the checkpoint sees the last entry go: the rest is still a chain.
    if (index + 1 < intact.size()) {
      EXPECT_FALSE(verify(trail)) << "without entry " << index + 1;
    }
  }
}

TEST(ChainTest, SwappedEntriesAreDetected) {
  const Trail intact = make_trail(10);
  for (size_t index = 0; index + 1 < intact.size(); ++index) {
    Trail trail = intact;
    std::swap(trail[index], trail[index + 1]);
    EXPECT_FALSE(verify(trail)) << "entries " << index + 1 << " and " << index + 2;
  }
}

TEST(ChainTest, InsertedOrDuplicatedEntriesAreDetected) {
  const Trail intact = make_trail(10);
  for (size_t index = 0; index < intact.size(); ++index) {
    Trail duplicated = intact;
    duplicated.insert(duplicated.begin() + static_cast<std::ptrdiff_t>(index), intact[index]);
    EXPECT_FALSE(verify(duplicated)) << "entry " << index + 1 << " twice";

    // A forged entry linked to its predecessor, spliced in without
    // renumbering what follows.
    Trail inserted = intact;
    AuditEntry forged = intact[index];
    forged.action = "session.create";
    forged = link_entry(forged, index == 0 ? std::nullopt : std::optional(intact[index - 1]));
    inserted.insert(inserted.begin() + static_cast<std::ptrdiff_t>(index), forged);
    EXPECT_FALSE(verify(inserted)) << "forged entry before " << index + 1;
  }
}

TEST(ChainTest, RewrittenTailOrTruncationNeedsTheCheckpoint) {
  const Trail intact = make_trail(10);
  // Whoever can rewrite the database can relink everything after a change.
  Trail rewritten(intact.begin(), intact.begin() + 5);
  for (size_t index = 5; index < intact.size(); ++index) {
    AuditEntry draft = intact[index];
    draft.outcome = "ok";
    draft.actor_org = "org-innocent";
    rewritten.push_back(link_entry(draft, rewritten.back()));
  }
  EXPECT_TRUE(verify(rewritten));
  EXPECT_FALSE(verify(rewritten, head_of(intact)));

  Trail truncated(intact.begin(), intact.begin() + 7);
  EXPECT_TRUE(verify(truncated));
  Status cut = verify(truncated, head_of(intact));
  EXPECT_FALSE(cut.is_ok());
  EXPECT_NE(cut.message().find("sequence 8"), std::string::npos) << cut.message();
}

TEST(ChainTest, FirstFailureSticks) {
  Trail trail = make_trail(4);
  trail[1].outcome = "forged";
  ChainVerifier verifier;
  EXPECT_TRUE(verifier.add(trail[0]));
  Status first = verifier.add(trail[1]);
  EXPECT_EQ(first.code(), ErrorCode::kConflict);
  EXPECT_EQ(verifier.add(trail[2]).message(), first.message());
  EXPECT_EQ(verifier.finish().message(), first.message());
  EXPECT_EQ(verifier.count(), 1);
}

}  // namespace
}  // namespace tallinn::audit
