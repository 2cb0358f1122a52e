#include "store/sqlite/need_repository.h"

#include "store/need_money.h"
#include "store/sqlite/columns.h"
#include "store/sqlite/grants.h"
#include "store/sqlite/marked_query.h"
#include "store/sqlite/queries.h"

namespace tallinn::store::sqlite::needs {
namespace {

// Column order read by read_need().
constexpr std::string_view kColumns = rows::kNeedColumns;
constexpr char kFromById[] = " FROM needs r WHERE r.id = :id";
constexpr char kInsert[] =
    "INSERT INTO needs (id, org, title, description, sector, region, category, amount_cents, "
    "priority, national_priority, divisible, tlp, status, duplicate_of, creator, version, "
    "created_at, updated_at, assessment) VALUES (:id, :org, :title, :description, :sector, "
    ":region, :category, :amount_cents, :priority, :national_priority, :divisible, :tlp, "
    ":status, :duplicate_of, :creator, :version, :created_at, :updated_at, :assessment)";
constexpr char kUpdate[] =
    "UPDATE needs SET org = :org, title = :title, description = :description, sector = :sector, "
    "region = :region, category = :category, amount_cents = :amount_cents, "
    "priority = :priority, national_priority = :national_priority, divisible = :divisible, "
    "tlp = :tlp, status = :status, duplicate_of = :duplicate_of, creator = :creator, "
    "version = :version, updated_at = :updated_at, assessment = :assessment "
    "WHERE id = :id AND version = :expected_version";

// {visible} is the UNION of the scope's arms (marked_query.h).
constexpr char kCoverageGroups[] =
    "SELECT CAST({key} AS TEXT), n.status, count(*), sum(n.amount_cents), "
    "coalesce(sum(m.approved), 0), coalesce(sum(m.committed), 0), "
    "coalesce(sum(m.delivered), 0), sum(max(0, n.amount_cents - coalesce(m.committed, 0))) "
    "FROM ({visible}) AS v CROSS JOIN needs n ON n.rid = v.rid "
    "LEFT JOIN ({money}) AS m ON m.need = n.id GROUP BY 1, 2";
constexpr char kNeedsWithMoney[] =
    "SELECT {columns}, coalesce(m.approved, 0), coalesce(m.committed, 0), "
    "coalesce(m.delivered, 0) "
    "FROM ({visible}) AS v CROSS JOIN needs r ON r.rid = v.rid "
    "LEFT JOIN ({money}) AS m ON m.need = r.id ORDER BY r.created_at DESC, r.id DESC";
constexpr char kOfPriority[] = "(r.priority = :priority OR r.national_priority = :priority)";

// `sql` over the needs visible under `scope` that meet `conditions`, with
// each need's allocation sums joined as m.
Result<Statement> prepare_with_money(Connection& connection, std::string sql,
                                     const ReadScope& scope,
                                     const std::vector<Condition>& conditions) {
  sql = replace_all(std::move(sql), "{visible}", visible_rids(kNeedTables, scope, conditions));
  sql = replace_all(std::move(sql), "{money}", allocation_money_sql("need"));
  TALLINN_ASSIGN_OR_RETURN(Statement query, connection.prepare(sql));
  bind_visible(query, scope, conditions);
  bind_allocation_statuses(query);
  return query;
}

// Binds the parameters that kInsert and kUpdate share.
void bind_fields(Statement& statement, const Need& need) {
  std::optional<int64_t> national_priority;
  if (need.national_priority) national_priority = *need.national_priority;
  statement.bind(":id", need.id)
      .bind(":org", need.org)
      .bind(":title", need.title)
      .bind(":description", need.description)
      .bind(":sector", to_string(need.sector))
      .bind(":region", region_code(need.region))
      .bind(":category", to_string(need.category))
      .bind(":amount_cents", need.amount)
      .bind(":priority", int64_t{need.priority})
      .bind_optional(":national_priority", national_priority)
      .bind(":divisible", int64_t{need.divisible})
      .bind(":tlp", to_string(need.tlp))
      .bind(":status", to_string(need.status))
      .bind_optional(":duplicate_of", need.duplicate_of)
      .bind(":creator", need.creator)
      .bind(":updated_at", need.updated_at)
      .bind_optional(":assessment", need.assessment);
}

Result<Need> read_need(const Statement& row) { return rows::need(StatementRow(row)); }

// A need with its grants.
std::function<Result<Need>(const Statement&)> reader(Connection& connection) {
  return [&connection](const Statement& row) -> Result<Need> {
    TALLINN_ASSIGN_OR_RETURN(Need need, read_need(row));
    TALLINN_ASSIGN_OR_RETURN(need.access, read_access(connection, kNeedTables, need.id));
    return need;
  };
}

std::vector<Condition> conditions_of(const NeedFilter& filter) {
  std::vector<Condition> conditions;
  if (filter.status) {
    conditions.push_back(column_equals("status", std::string(to_string(*filter.status))));
  }
  if (!filter.statuses.empty()) {
    // One parameter holds the whole list, as a JSON array of the spellings.
    std::string spellings;
    for (NeedStatus status : filter.statuses) {
      spellings += spellings.empty() ? "[\"" : ",\"";
      spellings += std::string(to_string(status)) + "\"";
    }
    conditions.push_back(Condition{"r.status IN (SELECT value FROM json_each(:statuses))",
                                   ":statuses", spellings + "]"});
  }
  if (filter.sector) {
    conditions.push_back(column_equals("sector", std::string(to_string(*filter.sector))));
  }
  if (filter.region) {
    conditions.push_back(column_equals("region", std::string(region_code(*filter.region))));
  }
  if (filter.category) {
    conditions.push_back(column_equals("category", std::string(to_string(*filter.category))));
  }
  if (filter.org) conditions.push_back(column_equals("org", *filter.org));
  if (filter.assessment) conditions.push_back(column_equals("assessment", *filter.assessment));
  if (std::optional<Condition> text = text_condition(kNeedTables, filter.text)) {
    conditions.push_back(std::move(*text));
  }
  return conditions;
}

}  // namespace

Status insert(Connection& connection, const Need& need) {
  TALLINN_ASSIGN_OR_RETURN(Statement statement, connection.prepare(kInsert));
  bind_fields(statement, need);
  statement.bind(":version", need.version).bind(":created_at", need.created_at);
  TALLINN_RETURN_IF_ERROR(statement.run());
  return write_access(connection, kNeedTables, need.id, need.access);
}

Result<Need> find(Connection& connection, const Id& id) {
  TALLINN_ASSIGN_OR_RETURN(Statement query,
                           connection.prepare("SELECT " + std::string(kColumns) + kFromById));
  query.bind(":id", id);
  return read_one<Need>(query, reader(connection));
}

Status update(Connection& connection, const Need& need, int64_t expected_version) {
  TALLINN_ASSIGN_OR_RETURN(Statement statement, connection.prepare(kUpdate));
  bind_fields(statement, need);
  statement.bind(":version", expected_version + 1).bind(":expected_version", expected_version);
  TALLINN_RETURN_IF_ERROR(statement.run());
  TALLINN_RETURN_IF_ERROR(finish_versioned_update(connection, "needs", need.id));
  return write_access(connection, kNeedTables, need.id, need.access);
}

Result<Page<Need>> list(Connection& connection, const ReadScope& scope, const NeedFilter& filter,
                        const PageRequest& page) {
  return list_where(connection, scope, conditions_of(filter), page);
}

Result<Page<Need>> list_without_access(Connection& connection, const ReadScope& scope,
                                       const NeedFilter& filter, const PageRequest& page) {
  const std::vector<Condition> conditions = conditions_of(filter);
  return collect_page<Need>(
      page.limit,
      [&](const RowVisitor& visit) {
        return visit_marked(connection, kNeedTables, kColumns, scope, conditions, page, visit);
      },
      read_need);
}

Result<Page<Need>> list_where(Connection& connection, const ReadScope& scope,
                              const std::vector<Condition>& conditions, const PageRequest& page) {
  return collect_page<Need>(
      page.limit,
      [&](const RowVisitor& visit) {
        return visit_marked(connection, kNeedTables, kColumns, scope, conditions, page, visit);
      },
      reader(connection));
}

Result<int64_t> count(Connection& connection, const ReadScope& scope, const NeedFilter& filter) {
  return count_marked(connection, kNeedTables, scope, conditions_of(filter));
}

Result<std::vector<CoverageGroup>> coverage_groups(Connection& connection, const ReadScope& scope,
                                                   CoverageBy by) {
  TALLINN_ASSIGN_OR_RETURN(
      Statement query,
      prepare_with_money(connection, replace_all(kCoverageGroups, "{key}", coverage_key_column(by)),
                         scope, {}));
  std::vector<CoverageGroup> groups;
  TALLINN_RETURN_IF_ERROR(visit_rows(query, [&groups](const Statement& row) -> Status {
    TALLINN_ASSIGN_OR_RETURN(CoverageGroup group, coverage_group(StatementRow(row)));
    groups.push_back(std::move(group));
    return Status::ok();
  }));
  return groups;
}

Result<std::vector<NeedMoney>> of_priority(Connection& connection, const ReadScope& scope,
                                           int priority) {
  TALLINN_ASSIGN_OR_RETURN(
      Statement query,
      prepare_with_money(connection, replace_all(kNeedsWithMoney, "{columns}", kColumns), scope,
                         {Condition{kOfPriority, ":priority", std::to_string(priority)}}));
  std::vector<NeedMoney> needs;
  TALLINN_RETURN_IF_ERROR(visit_rows(query, [&](const Statement& row) -> Status {
    TALLINN_ASSIGN_OR_RETURN(NeedMoney money, need_money(StatementRow(row)));
    TALLINN_ASSIGN_OR_RETURN(money.need.access,
                             read_access(connection, kNeedTables, money.need.id));
    needs.push_back(std::move(money));
    return Status::ok();
  }));
  return needs;
}

}  // namespace tallinn::store::sqlite::needs
