// The access lists (access.orgs, access.users) of marked records, kept in
// the records' grants table in their order.
#pragma once

#include "core/domain.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/marked_query.h"

namespace tallinn::store::sqlite {

// Replaces the grants of the stored `record` with `access`.
Status write_access(Connection& connection, const MarkedTable& tables, const Id& record,
                    const Access& access);

Result<Access> read_access(Connection& connection, const MarkedTable& tables, const Id& record);

}  // namespace tallinn::store::sqlite
