#include "store/postgres/queries.h"
#include "store/postgres/repositories.h"
#include "store/record_rows.h"

namespace tallinn::store::postgres::organisations {
namespace {

// Column order read by read_organisation().
constexpr std::string_view kColumns = rows::kOrganisationColumns;
constexpr char kSelectById[] =
    "SELECT id, name, kind, country, version, created_at, updated_at "
    "FROM organisations WHERE id = $1";
constexpr char kInsert[] =
    "INSERT INTO organisations (id, name, kind, country, updated_at, version, created_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7)";
constexpr char kUpdate[] =
    "UPDATE organisations SET name = $2, kind = $3, country = $4, updated_at = $5, "
    "version = $6 WHERE id = $1 AND version = $7";
constexpr char kCount[] = "SELECT count(*) FROM organisations";

// $1..$5 of kInsert and kUpdate.
std::vector<Param> fields(const Organisation& organisation) {
  return {organisation.id, organisation.name, to_string(organisation.kind), organisation.country,
          organisation.updated_at};
}

Result<Organisation> read_organisation(const Row& row) { return rows::organisation(row); }

}  // namespace

Status insert(Connection& connection, const Organisation& organisation) {
  std::vector<Param> params = fields(organisation);
  params.insert(params.end(), {organisation.version, organisation.created_at});
  return connection.exec(kInsert, params).status();
}

Result<Organisation> find(Connection& connection, const Id& id) {
  TALLINN_ASSIGN_OR_RETURN(Rows rows, connection.exec(kSelectById, {id}));
  return read_one<Organisation>(rows, read_organisation);
}

Result<Page<Organisation>> list(Connection& connection, const PageRequest& page) {
  TALLINN_ASSIGN_OR_RETURN(Rows rows,
                           select_by_time(connection, kColumns, "organisations", {}, page));
  return read_page<Organisation>(rows, page.limit, read_organisation);
}

Status update(Connection& connection, const Organisation& organisation, int64_t expected_version) {
  std::vector<Param> params = fields(organisation);
  params.insert(params.end(), {expected_version + 1, expected_version});
  TALLINN_ASSIGN_OR_RETURN(Rows changed, connection.exec(kUpdate, params));
  return finish_versioned_update(connection, "organisations", organisation.id, changed);
}

Result<int64_t> count(Connection& connection) {
  return select_count(connection, Query{kCount, {}});
}

}  // namespace tallinn::store::postgres::organisations
