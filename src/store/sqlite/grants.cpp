#include "store/sqlite/grants.h"

namespace tallinn::store::sqlite {
namespace {

constexpr char kDeleteGrants[] = "DELETE FROM {grants} WHERE record = :record";
constexpr char kInsertGrant[] =
    "INSERT INTO {grants} (record, kind, position, grantee, record_created_at) "
    "VALUES (:record, :kind, :position, :grantee, "
    "(SELECT created_at FROM {records} WHERE id = :record))";
constexpr char kSelectGrants[] =
    "SELECT kind, grantee FROM {grants} WHERE record = :record ORDER BY kind, position";

constexpr std::string_view kOrgGrant = "org";
constexpr std::string_view kUserGrant = "user";

Status insert_grants(Statement& insert, std::string_view kind, const std::vector<Id>& grantees) {
  for (size_t position = 0; position < grantees.size(); ++position) {
    insert.bind(":kind", kind)
        .bind(":position", static_cast<int64_t>(position))
        .bind(":grantee", grantees[position]);
    TALLINN_RETURN_IF_ERROR(insert.run());
  }
  return Status::ok();
}

}  // namespace

Status write_access(Connection& connection, const MarkedTable& tables, const Id& record,
                    const Access& access) {
  TALLINN_ASSIGN_OR_RETURN(Statement remove,
                           connection.prepare(with_tables(kDeleteGrants, tables)));
  TALLINN_RETURN_IF_ERROR(remove.bind(":record", record).run());
  TALLINN_ASSIGN_OR_RETURN(Statement insert, connection.prepare(with_tables(kInsertGrant, tables)));
  insert.bind(":record", record);
  TALLINN_RETURN_IF_ERROR(insert_grants(insert, kOrgGrant, access.orgs));
  return insert_grants(insert, kUserGrant, access.users);
}

Result<Access> read_access(Connection& connection, const MarkedTable& tables, const Id& record) {
  TALLINN_ASSIGN_OR_RETURN(Statement query, connection.prepare(with_tables(kSelectGrants, tables)));
  query.bind(":record", record);
  Access access;
  while (true) {
    TALLINN_ASSIGN_OR_RETURN(bool row, query.step());
    if (!row) return access;
    std::vector<Id>& list = query.column_text(0) == kOrgGrant ? access.orgs : access.users;
    list.push_back(query.column_text(1));
  }
}

}  // namespace tallinn::store::sqlite
