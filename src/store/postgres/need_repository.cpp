#include "store/need_money.h"
#include "store/postgres/marked_query.h"
#include "store/postgres/queries.h"
#include "store/postgres/repositories.h"
#include "store/record_rows.h"

namespace tallinn::store::postgres::needs {
namespace {

// Column order read by read_need().
constexpr std::string_view kColumns = rows::kNeedColumns;
constexpr char kFromById[] = " FROM needs r WHERE r.id = $1";
constexpr char kInsert[] =
    "INSERT INTO needs (id, org, title, description, sector, region, category, amount_cents, "
    "priority, national_priority, divisible, tlp, status, duplicate_of, creator, updated_at, "
    "assessment, version, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
    "$12, $13, $14, $15, $16, $17, $18, $19)";
constexpr char kUpdate[] =
    "UPDATE needs SET org = $2, title = $3, description = $4, sector = $5, region = $6, "
    "category = $7, amount_cents = $8, priority = $9, national_priority = $10, "
    "divisible = $11, tlp = $12, status = $13, duplicate_of = $14, creator = $15, "
    "updated_at = $16, assessment = $17, version = $18 WHERE id = $1 AND version = $19";

// {visible} is the UNION of the scope's arms (marked_query.h). sum() of
// bigint is numeric in PostgreSQL, hence the casts back.
constexpr char kCoverageGroups[] =
    "SELECT CAST({key} AS text), n.status, count(*), sum(n.amount_cents)::bigint, "
    "coalesce(sum(m.approved), 0)::bigint, coalesce(sum(m.committed), 0)::bigint, "
    "coalesce(sum(m.delivered), 0)::bigint, "
    "sum(greatest(0, n.amount_cents - coalesce(m.committed, 0)))::bigint "
    "FROM ({visible}) AS v JOIN needs n ON n.id = v.id "
    "LEFT JOIN ({money}) AS m ON m.need = n.id GROUP BY 1, 2";
constexpr char kNeedsWithMoney[] =
    "SELECT {columns}, coalesce(m.approved, 0)::bigint, coalesce(m.committed, 0)::bigint, "
    "coalesce(m.delivered, 0)::bigint "
    "FROM ({visible}) AS v JOIN needs r ON r.id = v.id "
    "LEFT JOIN ({money}) AS m ON m.need = r.id ORDER BY r.created_at DESC, r.id DESC";
constexpr char kOfPriority[] = "(r.priority = {value} OR r.national_priority = {value})";

// `sql` over the needs visible under `scope` that meet `conditions`, with
// each need's allocation sums joined as m.
Query with_money(std::string sql, const ReadScope& scope,
                 const std::vector<Condition>& conditions) {
  Query query;
  sql =
      replace_all(std::move(sql), "{visible}", visible_ids(query, kNeedTables, scope, conditions));
  query.sql = replace_all(std::move(sql), "{money}", allocation_money(query, "need"));
  return query;
}

// $1..$17 of kInsert and kUpdate.
std::vector<Param> fields(const Need& need) {
  return {need.id,
          need.org,
          need.title,
          need.description,
          to_string(need.sector),
          region_code(need.region),
          to_string(need.category),
          need.amount,
          need.priority,
          need.national_priority,
          need.divisible,
          to_string(need.tlp),
          to_string(need.status),
          need.duplicate_of,
          need.creator,
          need.updated_at,
          need.assessment};
}

Result<Need> read_need(const Row& row) { return rows::need(row); }

// The needs of `rows` with their grants.
Result<std::vector<Need>> read_needs(Connection& connection, const Rows& rows) {
  TALLINN_ASSIGN_OR_RETURN(std::vector<Need> needs, read_all<Need>(rows, read_need));
  TALLINN_RETURN_IF_ERROR(read_access(connection, kNeedTables, needs));
  return needs;
}

std::vector<Condition> conditions_of(const NeedFilter& filter) {
  std::vector<Condition> conditions;
  if (filter.status) conditions.push_back(column_equals("status", to_string(*filter.status)));
  if (!filter.statuses.empty()) {
    std::vector<std::string> spellings;
    for (NeedStatus status : filter.statuses) spellings.emplace_back(to_string(status));
    conditions.push_back(Condition{"r.status = ANY({value}::text[])", spellings});
  }
  if (filter.sector) conditions.push_back(column_equals("sector", to_string(*filter.sector)));
  if (filter.region) conditions.push_back(column_equals("region", region_code(*filter.region)));
  if (filter.category) {
    conditions.push_back(column_equals("category", to_string(*filter.category)));
  }
  if (filter.org) conditions.push_back(column_equals("org", *filter.org));
  if (filter.assessment) conditions.push_back(column_equals("assessment", *filter.assessment));
  if (std::optional<Condition> text = text_condition(filter.text)) {
    conditions.push_back(std::move(*text));
  }
  return conditions;
}

}  // namespace

Status insert(Connection& connection, const Need& need) {
  std::vector<Param> params = fields(need);
  params.insert(params.end(), {need.version, need.created_at});
  TALLINN_RETURN_IF_ERROR(connection.exec(kInsert, params).status());
  return write_access(connection, kNeedTables, need.id, need.access);
}

Result<Need> find(Connection& connection, const Id& id) {
  TALLINN_ASSIGN_OR_RETURN(Rows rows,
                           connection.exec("SELECT " + std::string(kColumns) + kFromById, {id}));
  TALLINN_ASSIGN_OR_RETURN(std::vector<Need> needs, read_needs(connection, rows));
  if (needs.empty()) return not_found();
  return std::move(needs.front());
}

Status update(Connection& connection, const Need& need, int64_t expected_version) {
  std::vector<Param> params = fields(need);
  params.insert(params.end(), {expected_version + 1, expected_version});
  TALLINN_ASSIGN_OR_RETURN(Rows changed, connection.exec(kUpdate, params));
  TALLINN_RETURN_IF_ERROR(finish_versioned_update(connection, "needs", need.id, changed));
  return write_access(connection, kNeedTables, need.id, need.access);
}

Result<Page<Need>> list(Connection& connection, const ReadScope& scope, const NeedFilter& filter,
                        const PageRequest& page) {
  return list_where(connection, scope, conditions_of(filter), page);
}

Result<Page<Need>> list_without_access(Connection& connection, const ReadScope& scope,
                                       const NeedFilter& filter, const PageRequest& page) {
  TALLINN_ASSIGN_OR_RETURN(Rows rows, select_marked(connection, kNeedTables, kColumns, scope,
                                                    conditions_of(filter), page));
  TALLINN_ASSIGN_OR_RETURN(std::vector<Need> needs, read_all<Need>(rows, read_need));
  return time_page(std::move(needs), page.limit);
}

Result<Page<Need>> list_where(Connection& connection, const ReadScope& scope,
                              const std::vector<Condition>& conditions, const PageRequest& page) {
  TALLINN_ASSIGN_OR_RETURN(
      Rows rows, select_marked(connection, kNeedTables, kColumns, scope, conditions, page));
  TALLINN_ASSIGN_OR_RETURN(std::vector<Need> needs, read_needs(connection, rows));
  return time_page(std::move(needs), page.limit);
}

Result<int64_t> count(Connection& connection, const ReadScope& scope, const NeedFilter& filter) {
  return count_marked(connection, kNeedTables, scope, conditions_of(filter));
}

Result<std::vector<CoverageGroup>> coverage_groups(Connection& connection, const ReadScope& scope,
                                                   CoverageBy by) {
  TALLINN_ASSIGN_OR_RETURN(
      Rows rows, connection.exec(with_money(
                     replace_all(kCoverageGroups, "{key}", coverage_key_column(by)), scope, {})));
  return read_all<CoverageGroup>(rows, coverage_group<Row>);
}

Result<std::vector<NeedMoney>> of_priority(Connection& connection, const ReadScope& scope,
                                           int priority) {
  TALLINN_ASSIGN_OR_RETURN(
      Rows rows, connection.exec(with_money(replace_all(kNeedsWithMoney, "{columns}", kColumns),
                                            scope, {Condition{kOfPriority, priority}})));
  TALLINN_ASSIGN_OR_RETURN(std::vector<NeedMoney> needs,
                           read_all<NeedMoney>(rows, need_money<Row>));
  // The grants of every need from one query, as lists read them.
  std::vector<Need> plain;
  plain.reserve(needs.size());
  for (NeedMoney& money : needs) plain.push_back(std::move(money.need));
  TALLINN_RETURN_IF_ERROR(read_access(connection, kNeedTables, plain));
  for (size_t index = 0; index < needs.size(); ++index) needs[index].need = std::move(plain[index]);
  return needs;
}

}  // namespace tallinn::store::postgres::needs
