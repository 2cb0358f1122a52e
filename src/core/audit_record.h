// One entry of the audit trail, as stored. It names who did what to which
// record and how it ended, never the record's content and never a secret:
// admins read the trail, and admins have no right to content. audit/ builds
// entries and chains them; stores only keep them.
#pragma once

#include <cstdint>
#include <string>

#include "core/id.h"

namespace tallinn {

struct AuditEntry {
  int64_t sequence = 0;  // 1, 2, 3, ... without gaps
  int64_t time = 0;      // Unix ms
  Id actor_user;         // empty for the anonymous public or the CLI
  Id actor_org;
  std::string action;          // e.g. "need.create", "session.create"
  std::string record_type;     // e.g. "need"; empty when there is none
  Id record_id;                // empty when there is none
  std::string outcome;         // "ok", "hidden", "forbidden", "invalid", "conflict", ...
  std::string changed_fields;  // comma-separated field names, sorted
  std::string state_digest;    // hex SHA-256 of the new state, empty if none
  std::string previous_hash;   // hex SHA-256; 64 zeros for the first entry
  std::string hash;            // hex SHA-256 over previous_hash and every field above
};

}  // namespace tallinn
