// Failed sign-in attempts in SQLite (Store::record_failed_attempt and the
// two after it). Each function is one statement in autocommit mode: record
// and forget on the writer, newest on a reader.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/sqlite/connection.h"

namespace tallinn::store::sqlite::failed_attempts {

Status record(Connection& connection, const std::string& key, int64_t at_ms, int64_t expires_at_ms);
Result<std::vector<int64_t>> newest(Connection& connection, const std::string& key,
                                    int64_t after_ms, int limit);
Result<int64_t> forget(Connection& connection, int64_t now_ms);

}  // namespace tallinn::store::sqlite::failed_attempts
