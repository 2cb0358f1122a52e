#include "store/sqlite/organisation_repository.h"

#include "store/sqlite/columns.h"
#include "store/sqlite/queries.h"

namespace tallinn::store::sqlite::organisations {
namespace {

// Column order read by read_organisation().
constexpr std::string_view kColumns = rows::kOrganisationColumns;
constexpr char kSelectById[] =
    "SELECT id, name, kind, country, version, created_at, updated_at "
    "FROM organisations WHERE id = :id";
constexpr char kInsert[] =
    "INSERT INTO organisations (id, name, kind, country, version, created_at, updated_at) "
    "VALUES (:id, :name, :kind, :country, :version, :created_at, :updated_at)";
constexpr char kUpdate[] =
    "UPDATE organisations SET name = :name, kind = :kind, country = :country, "
    "version = :version, updated_at = :updated_at "
    "WHERE id = :id AND version = :expected_version";
constexpr char kCount[] = "SELECT count(*) FROM organisations";

void bind_fields(Statement& statement, const Organisation& organisation) {
  statement.bind(":id", organisation.id)
      .bind(":name", organisation.name)
      .bind(":kind", to_string(organisation.kind))
      .bind(":country", organisation.country)
      .bind(":updated_at", organisation.updated_at);
}

Result<Organisation> read_organisation(const Statement& row) {
  return rows::organisation(StatementRow(row));
}

}  // namespace

Status insert(Connection& connection, const Organisation& organisation) {
  TALLINN_ASSIGN_OR_RETURN(Statement statement, connection.prepare(kInsert));
  bind_fields(statement, organisation);
  statement.bind(":version", organisation.version).bind(":created_at", organisation.created_at);
  return statement.run();
}

Result<Organisation> find(Connection& connection, const Id& id) {
  TALLINN_ASSIGN_OR_RETURN(Statement query, connection.prepare(kSelectById));
  query.bind(":id", id);
  return read_one<Organisation>(query, read_organisation);
}

Result<Page<Organisation>> list(Connection& connection, const PageRequest& page) {
  return collect_page<Organisation>(
      page.limit,
      [&](const RowVisitor& visit) {
        return visit_by_time(connection, kColumns, "organisations", {}, page, visit);
      },
      read_organisation);
}

Status update(Connection& connection, const Organisation& organisation, int64_t expected_version) {
  TALLINN_ASSIGN_OR_RETURN(Statement statement, connection.prepare(kUpdate));
  bind_fields(statement, organisation);
  statement.bind(":version", expected_version + 1).bind(":expected_version", expected_version);
  TALLINN_RETURN_IF_ERROR(statement.run());
  return finish_versioned_update(connection, "organisations", organisation.id);
}

Result<int64_t> count(Connection& connection) {
  TALLINN_ASSIGN_OR_RETURN(Statement query, connection.prepare(kCount));
  TALLINN_ASSIGN_OR_RETURN(bool row, query.step());
  if (!row) return internal_error();
  return query.column_int64(0);
}

}  // namespace tallinn::store::sqlite::organisations
