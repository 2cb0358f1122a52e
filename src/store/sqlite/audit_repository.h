// The audit trail in SQLite: append, read the last entry, list, scan. There
// is no update and no delete; the schema's triggers refuse both, and refuse
// an entry whose sequence does not follow the last one (kConflict).
#pragma once

#include <functional>
#include <optional>

#include "core/audit_record.h"
#include "store/sqlite/connection.h"
#include "store/store.h"

namespace tallinn::store::sqlite::audit {

Result<std::optional<AuditEntry>> last(Connection& connection);
Status append(Connection& connection, const AuditEntry& entry);
// Newest first, keyset-paged by sequence.
Result<Page<AuditEntry>> list(Connection& connection, const PageRequest& page);
// The entries about one record, newest first, keyset-paged by sequence; only
// outcome "ok" unless `include_refused` (audit_by_record, migration 0006).
Result<Page<AuditEntry>> list_for_record(Connection& connection, const std::string& record_type,
                                         const Id& record_id, bool include_refused,
                                         const PageRequest& page);
// Every entry in sequence order; stops at the first non-OK visitor Status.
Status scan(Connection& connection, const std::function<Status(const AuditEntry&)>& visit);

}  // namespace tallinn::store::sqlite::audit
