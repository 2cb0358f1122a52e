#include "store/postgres/marked_query.h"

#include <array>

#include "core/vocabulary.h"
#include "store/cursor.h"
#include "store/need_money.h"
#include "store/scope_arms.h"

namespace tallinn::store::postgres {
namespace {

// Each record's allocation sums; {by} is the allocation's column naming the
// record, {approved}, {committed} and {delivered} text[] values of status
// spellings. sum() of bigint is numeric in PostgreSQL; readers cast back.
constexpr char kAllocationMoney[] =
    "SELECT a.{by} AS {by}, "
    "sum(CASE WHEN a.status = ANY({approved}::text[]) THEN a.amount_cents ELSE 0 END) "
    "AS approved, "
    "sum(CASE WHEN a.status = ANY({committed}::text[]) THEN a.amount_cents ELSE 0 END) "
    "AS committed, "
    "sum(CASE WHEN a.status = ANY({delivered}::text[]) THEN a.amount_cents ELSE 0 END) "
    "AS delivered "
    "FROM allocations a GROUP BY a.{by}";

// The FROM ... WHERE of one arm, naming the record r; {tlp}, {org} and
// {user} stand for bound values.
constexpr char kRecordsOnly[] = "FROM {records} r WHERE r.tlp = {tlp}";
constexpr char kOwnedRecords[] = "FROM {records} r WHERE r.org = {org} AND r.tlp = {tlp}";
constexpr char kCreatedRecords[] = "FROM {records} r WHERE r.creator = {user} AND r.tlp = {tlp}";
// The grants index leads, so the arm walks the grantee's grants newest first
// and stops after one page.
constexpr char kGrantedRecords[] =
    "FROM {grants} g JOIN {records} r ON r.id = g.record "
    "WHERE g.kind = '{kind}' AND g.grantee = {grantee} AND r.tlp = {tlp}";
// Must be the expression of the needs_by_text and offers_by_text indexes.
constexpr char kTextMatch[] =
    "to_tsvector('tallinn_text'::regconfig, r.title || ' ' || r.description) @@ "
    "plainto_tsquery('tallinn_text'::regconfig, {value})";
constexpr char kListArm[] =
    "(SELECT r.id AS id, r.created_at AS created_at {from}{where} "
    "ORDER BY {created} DESC, {id} DESC LIMIT {limit})";
constexpr char kKeysetCondition[] = " AND ({created}, {id}) < ({after_created}, {after_id})";
// The page is cut before the join, so the join reads the records of one page
// by primary key.
constexpr char kMergedList[] =
    "SELECT {columns} FROM (SELECT u.id, u.created_at FROM ({arms}) AS u "
    "ORDER BY u.created_at DESC, u.id DESC LIMIT {limit}) AS v "
    "JOIN {records} r ON r.id = v.id ORDER BY v.created_at DESC, v.id DESC";
constexpr char kNothing[] = "SELECT 1 WHERE false";
constexpr char kCountArm[] = "SELECT r.id AS id {from}{where}";
constexpr char kNoRecords[] = "SELECT NULL::text AS id WHERE false";
constexpr char kMergedCount[] = "SELECT count(*) FROM ({visible}) AS v";

constexpr char kDeleteGrants[] = "DELETE FROM {grants} WHERE record = $1";
constexpr char kInsertGrants[] =
    "INSERT INTO {grants} (record, kind, position, grantee, record_created_at) "
    "SELECT $1, $2, g.position - 1, g.grantee, r.created_at "
    "FROM unnest($3::text[]) WITH ORDINALITY AS g (grantee, position) "
    "JOIN {records} r ON r.id = $1";
constexpr char kSelectGrants[] =
    "SELECT record, kind, grantee FROM {grants} WHERE record = ANY($1::text[]) "
    "ORDER BY record, kind, position";

constexpr std::string_view kOrgGrant = "org";
constexpr std::string_view kUserGrant = "user";

// One arm's FROM ... WHERE and the columns of its keyset.
struct Arm {
  std::string from;
  std::string order_created;
  std::string order_id;
};

std::string with_tables(std::string sql, const MarkedTable& tables) {
  sql = replace_all(std::move(sql), "{records}", tables.records);
  return replace_all(std::move(sql), "{grants}", tables.grants);
}

// The placeholders of one query's scope values, each bound once and only
// when an arm uses it (the server refuses a parameter it cannot type).
class ScopeValues {
 public:
  ScopeValues(Query& query, const ReadScope& scope) : query_(query), scope_(scope) {}
  const std::string& tlp(Tlp tlp) { return once(tlps_[static_cast<int>(tlp)], to_string(tlp)); }
  const std::string& org() { return once(org_, scope_.org); }
  const std::string& user() { return once(user_, scope_.user); }

 private:
  const std::string& once(std::string& placeholder, std::string_view value) {
    if (placeholder.empty()) placeholder = query_.bind(value);
    return placeholder;
  }

  Query& query_;
  const ReadScope& scope_;
  std::array<std::string, kTlpCount> tlps_;
  std::string org_;
  std::string user_;
};

Arm record_arm(const char* from, std::string_view relation, const std::string& value,
               const std::string& tlp) {
  std::string sql = replace_all(replace_all(from, relation, value), "{tlp}", tlp);
  return Arm{std::move(sql), "r.created_at", "r.id"};
}

Arm grant_arm(std::string_view kind, const std::string& grantee, const std::string& tlp) {
  std::string sql = replace_all(kGrantedRecords, "{kind}", kind);
  sql = replace_all(replace_all(std::move(sql), "{grantee}", grantee), "{tlp}", tlp);
  return Arm{std::move(sql), "g.record_created_at", "g.record"};
}

Arm arm_of(const ScopeArm& arm, ScopeValues& values) {
  const std::string& tlp = values.tlp(arm.tlp);
  switch (arm.relation) {
    case Relation::kOwnerOrg:
      return record_arm(kOwnedRecords, "{org}", values.org(), tlp);
    case Relation::kCreator:
      return record_arm(kCreatedRecords, "{user}", values.user(), tlp);
    case Relation::kGrantedOrg:
      return grant_arm(kOrgGrant, values.org(), tlp);
    case Relation::kNamedUser:
      return grant_arm(kUserGrant, values.user(), tlp);
    case Relation::kAny:
      break;
  }
  return record_arm(kRecordsOnly, "{tlp}", tlp, tlp);
}

std::vector<Arm> arms_of(Query& query, const ReadScope& scope) {
  ScopeValues values(query, scope);
  std::vector<Arm> arms;
  for (const ScopeArm& arm : scope_arms(scope)) arms.push_back(arm_of(arm, values));
  return arms;
}

std::string join_union(const std::vector<std::string>& selects) {
  std::string sql;
  for (const std::string& select : selects) {
    if (!sql.empty()) sql += " UNION ";
    sql += select;
  }
  return sql;
}

Status insert_grants(Connection& connection, const MarkedTable& tables, const Id& record,
                     std::string_view kind, const std::vector<Id>& grantees) {
  if (grantees.empty()) return Status::ok();
  return connection.exec(with_tables(kInsertGrants, tables), {record, kind, grantees}).status();
}

}  // namespace

std::optional<Condition> text_condition(std::string_view text) {
  if (text.find_first_not_of(" \t\n\r\f\v") == std::string_view::npos) return std::nullopt;
  return Condition{kTextMatch, text};
}

Result<std::optional<Query>> marked_list_query(const MarkedTable& tables, std::string_view columns,
                                               const ReadScope& scope,
                                               const std::vector<Condition>& filters,
                                               const PageRequest& page) {
  std::optional<TimeKey> after;
  if (!page.cursor.empty()) {
    TALLINN_ASSIGN_OR_RETURN(after, decode_time_cursor(page.cursor));
  }
  Query query;
  std::vector<Arm> arms = arms_of(query, scope);
  if (arms.empty()) return std::optional<Query>();
  std::string where = and_conditions(query, filters);
  if (after) {
    std::string keyset =
        replace_all(kKeysetCondition, "{after_created}", query.bind(after->created_at));
    where += replace_all(std::move(keyset), "{after_id}", query.bind(after->id));
  }
  std::string limit = query.bind(int64_t{page.limit} + 1);
  std::vector<std::string> selects;
  for (const Arm& arm : arms) {
    std::string select = replace_all(kListArm, "{where}", where);
    select = replace_all(std::move(select), "{from}", arm.from);
    select = replace_all(std::move(select), "{created}", arm.order_created);
    selects.push_back(replace_all(std::move(select), "{id}", arm.order_id));
  }
  std::string sql = replace_all(kMergedList, "{arms}", join_union(selects));
  sql = replace_all(replace_all(std::move(sql), "{columns}", columns), "{limit}", limit);
  query.sql = with_tables(std::move(sql), tables);
  return std::optional<Query>(std::move(query));
}

Result<Rows> select_marked(Connection& connection, const MarkedTable& tables,
                           std::string_view columns, const ReadScope& scope,
                           const std::vector<Condition>& filters, const PageRequest& page) {
  TALLINN_ASSIGN_OR_RETURN(std::optional<Query> query,
                           marked_list_query(tables, columns, scope, filters, page));
  if (!query) return connection.exec(kNothing);
  return connection.exec(*query);
}

std::string visible_ids(Query& query, const MarkedTable& tables, const ReadScope& scope,
                        const std::vector<Condition>& filters) {
  std::vector<Arm> arms = arms_of(query, scope);
  if (arms.empty()) return kNoRecords;
  std::string where = and_conditions(query, filters);
  std::vector<std::string> selects;
  for (const Arm& arm : arms) {
    selects.push_back(replace_all(replace_all(kCountArm, "{where}", where), "{from}", arm.from));
  }
  return with_tables(join_union(selects), tables);
}

Result<int64_t> count_marked(Connection& connection, const MarkedTable& tables,
                             const ReadScope& scope, const std::vector<Condition>& filters) {
  Query query;
  query.sql = replace_all(kMergedCount, "{visible}", visible_ids(query, tables, scope, filters));
  return select_count(connection, query);
}

Status write_access(Connection& connection, const MarkedTable& tables, const Id& record,
                    const Access& access) {
  TALLINN_RETURN_IF_ERROR(connection.exec(with_tables(kDeleteGrants, tables), {record}).status());
  TALLINN_RETURN_IF_ERROR(insert_grants(connection, tables, record, kOrgGrant, access.orgs));
  return insert_grants(connection, tables, record, kUserGrant, access.users);
}

Result<Rows> select_grants(Connection& connection, const MarkedTable& tables, const Param& ids) {
  return connection.exec(with_tables(kSelectGrants, tables), {ids});
}

void add_grant(const Row& row, Access& access) {
  std::vector<Id>& list = row.text(1) == kOrgGrant ? access.orgs : access.users;
  list.push_back(row.text(2));
}

std::string allocation_money(Query& query, std::string_view by) {
  const MoneyStatuses statuses = money_statuses();
  std::string money = replace_all(kAllocationMoney, "{by}", by);
  money = replace_all(std::move(money), "{approved}", query.bind(statuses.approved));
  money = replace_all(std::move(money), "{committed}", query.bind(statuses.committed));
  return replace_all(std::move(money), "{delivered}", query.bind(statuses.delivered));
}

}  // namespace tallinn::store::postgres
