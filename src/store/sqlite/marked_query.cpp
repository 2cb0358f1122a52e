#include "store/sqlite/marked_query.h"

#include <sstream>
#include <tuple>

#include "core/vocabulary.h"
#include "store/need_money.h"
#include "store/paging.h"
#include "store/scope_arms.h"

namespace tallinn::store::sqlite {
namespace {

// One arm reads the records of one marking through one relation. `from`
// names the record as r; `order` is the arm's keyset, the columns its index
// ends with.
struct Arm {
  std::string from;
  std::string order_created;
  std::string order_id;
};

constexpr char kRecordsOnly[] = "FROM {records} r WHERE r.tlp = {tlp}";
constexpr char kOwnedRecords[] = "FROM {records} r WHERE r.org = :scope_org AND r.tlp = {tlp}";
constexpr char kCreatedRecords[] =
    "FROM {records} r WHERE r.creator = :scope_user AND r.tlp = {tlp}";
// CROSS JOIN keeps the grants index as the outer loop, so the arm walks the
// grantee's grants newest first and stops after one page.
constexpr char kGrantedRecords[] =
    "FROM {grants} g CROSS JOIN {records} r ON r.id = g.record "
    "WHERE g.kind = '{kind}' AND g.grantee = {grantee} AND r.tlp = {tlp}";
constexpr char kTextMatch[] = "r.rid IN (SELECT rowid FROM {fts} WHERE {fts} MATCH :text)";
constexpr char kListArm[] =
    "SELECT r.rid, {created}, {id} {from}{where} ORDER BY {created} DESC, {id} DESC LIMIT :limit";
constexpr char kRecordByRid[] = "SELECT {columns} FROM {records} r WHERE r.rid = :rid";
constexpr char kKeysetCondition[] = " AND ({created}, {id}) < (:after_created, :after_id)";
constexpr char kCountArm[] = "SELECT r.rid AS rid {from}{where}";
constexpr char kNoRecords[] = "SELECT NULL AS rid WHERE 0";
constexpr char kMergedCount[] = "SELECT count(*) FROM ({visible})";

// Each record's allocation sums; {by} is the allocation's column naming the
// record, {approved}, {committed} and {delivered} lists of status
// placeholders.
constexpr char kAllocationMoney[] =
    "SELECT a.{by} AS {by}, "
    "sum(CASE WHEN a.status IN ({approved}) THEN a.amount_cents ELSE 0 END) AS approved, "
    "sum(CASE WHEN a.status IN ({committed}) THEN a.amount_cents ELSE 0 END) AS committed, "
    "sum(CASE WHEN a.status IN ({delivered}) THEN a.amount_cents ELSE 0 END) AS delivered "
    "FROM allocations a GROUP BY a.{by}";

std::string tlp_parameter(int tlp) { return ":tlp_" + std::to_string(tlp); }

Arm record_arm(const char* from, int tlp) {
  return {replace_all(from, "{tlp}", tlp_parameter(tlp)), "r.created_at", "r.id"};
}

Arm grant_arm(std::string_view kind, std::string_view grantee, int tlp) {
  std::string from = replace_all(kGrantedRecords, "{kind}", kind);
  from = replace_all(std::move(from), "{grantee}", grantee);
  return {replace_all(std::move(from), "{tlp}", tlp_parameter(tlp)), "g.record_created_at",
          "g.record"};
}

std::vector<Arm> arms_of(const ReadScope& scope) {
  std::vector<Arm> arms;
  for (const ScopeArm& arm : scope_arms(scope)) {
    int tlp = static_cast<int>(arm.tlp);
    switch (arm.relation) {
      case Relation::kAny:
        arms.push_back(record_arm(kRecordsOnly, tlp));
        break;
      case Relation::kOwnerOrg:
        arms.push_back(record_arm(kOwnedRecords, tlp));
        break;
      case Relation::kCreator:
        arms.push_back(record_arm(kCreatedRecords, tlp));
        break;
      case Relation::kGrantedOrg:
        arms.push_back(grant_arm("org", ":scope_org", tlp));
        break;
      case Relation::kNamedUser:
        arms.push_back(grant_arm("user", ":scope_user", tlp));
        break;
    }
  }
  return arms;
}

std::string filter_sql(const std::vector<Condition>& filters) {
  std::string sql;
  for (const Condition& filter : filters) sql += " AND " + filter.sql;
  return sql;
}

// The rows of one arm, newest first, read one at a time.
class ArmRows {
 public:
  explicit ArmRows(Statement query) : query_(std::move(query)) {}

  Status advance() {
    TALLINN_ASSIGN_OR_RETURN(has_row_, query_.step());
    if (has_row_) {
      rid_ = query_.column_int64(0);
      created_at_ = query_.column_int64(1);
      id_ = query_.column_text(2);
    }
    return Status::ok();
  }

  bool has_row() const { return has_row_; }
  int64_t rid() const { return rid_; }
  bool newer_than(const ArmRows& other) const {
    return std::tie(created_at_, id_) > std::tie(other.created_at_, other.id_);
  }
  bool same_record(int64_t created_at, const std::string& id) const {
    return created_at_ == created_at && id_ == id;
  }
  int64_t created_at() const { return created_at_; }
  const std::string& id() const { return id_; }

 private:
  Statement query_;
  bool has_row_ = false;
  int64_t rid_ = 0;
  int64_t created_at_ = 0;
  std::string id_;
};

// The arm holding the newest row not yet taken, or nullptr when all are done.
ArmRows* newest(std::vector<ArmRows>& arms) {
  ArmRows* best = nullptr;
  for (ArmRows& arm : arms) {
    if (arm.has_row() && (best == nullptr || arm.newer_than(*best))) best = &arm;
  }
  return best;
}

std::string join_union(const std::vector<std::string>& selects) {
  std::string sql;
  for (const std::string& select : selects) {
    if (!sql.empty()) sql += " UNION ";
    sql += select;
  }
  return sql;
}

}  // namespace

// Binds every parameter that the generated SQL uses.
void bind_visible(Statement& query, const ReadScope& scope, const std::vector<Condition>& filters) {
  for (int tlp = 0; tlp < kTlpCount; ++tlp) {
    std::string name = tlp_parameter(tlp);
    if (query.has_parameter(name)) query.bind(name, to_string(static_cast<Tlp>(tlp)));
  }
  if (query.has_parameter(":scope_org")) query.bind(":scope_org", scope.org);
  if (query.has_parameter(":scope_user")) query.bind(":scope_user", scope.user);
  // A scope that reveals nothing selects no arm, and so uses no filter.
  for (const Condition& filter : filters) {
    if (query.has_parameter(filter.param)) query.bind(filter.param, filter.value);
  }
}

std::string with_tables(std::string text, const MarkedTable& tables) {
  text = replace_all(std::move(text), "{records}", tables.records);
  text = replace_all(std::move(text), "{grants}", tables.grants);
  return replace_all(std::move(text), "{fts}", tables.fts);
}

std::optional<Condition> text_condition(const MarkedTable& tables, std::string_view text) {
  // Each word becomes an FTS5 string ("word", with quotes doubled), so no
  // input is read as FTS5 syntax; adjacent strings must all match.
  std::istringstream words{std::string(text)};
  std::string word;
  std::string query;
  while (words >> word) {
    if (!query.empty()) query += ' ';
    query += '"' + replace_all(word, "\"", "\"\"") + '"';
  }
  if (query.empty()) return std::nullopt;
  return Condition{with_tables(kTextMatch, tables), ":text", query};
}

Status visit_marked(Connection& connection, const MarkedTable& tables, std::string_view columns,
                    const ReadScope& scope, const std::vector<Condition>& filters,
                    const PageRequest& page, const RowVisitor& visit) {
  std::optional<TimeKey> after;
  if (!page.cursor.empty()) {
    TALLINN_ASSIGN_OR_RETURN(after, decode_time_cursor(page.cursor));
  }
  const int64_t wanted = int64_t{page.limit} + 1;
  std::vector<ArmRows> arms;
  for (const Arm& arm : arms_of(scope)) {
    std::string where = filter_sql(filters);
    if (after) where += kKeysetCondition;
    std::string select = replace_all(kListArm, "{where}", where);
    select = replace_all(std::move(select), "{from}", arm.from);
    select = replace_all(std::move(select), "{created}", arm.order_created);
    select = with_tables(replace_all(std::move(select), "{id}", arm.order_id), tables);
    TALLINN_ASSIGN_OR_RETURN(Statement query, connection.prepare(select));
    bind_visible(query, scope, filters);
    if (after) query.bind(":after_created", after->created_at).bind(":after_id", after->id);
    query.bind(":limit", wanted);
    arms.emplace_back(std::move(query));
    TALLINN_RETURN_IF_ERROR(arms.back().advance());
  }
  if (arms.empty()) return Status::ok();
  std::string record_sql = replace_all(kRecordByRid, "{columns}", columns);
  TALLINN_ASSIGN_OR_RETURN(Statement record, connection.prepare(with_tables(record_sql, tables)));
  int64_t visited = 0;
  while (visited < wanted) {
    ArmRows* next = newest(arms);
    if (next == nullptr) break;
    TALLINN_ASSIGN_OR_RETURN(bool found, record.bind(":rid", next->rid()).step());
    if (!found) return internal_error();
    TALLINN_RETURN_IF_ERROR(visit(record));
    record.reset();
    ++visited;
    // A record that two arms reveal comes up in both at once: skip it in all.
    const int64_t created_at = next->created_at();
    const std::string id = next->id();
    for (ArmRows& arm : arms) {
      while (arm.has_row() && arm.same_record(created_at, id)) {
        TALLINN_RETURN_IF_ERROR(arm.advance());
      }
    }
  }
  return Status::ok();
}

std::string visible_rids(const MarkedTable& tables, const ReadScope& scope,
                         const std::vector<Condition>& filters) {
  std::vector<std::string> selects;
  for (const Arm& arm : arms_of(scope)) {
    std::string select = replace_all(kCountArm, "{where}", filter_sql(filters));
    selects.push_back(replace_all(std::move(select), "{from}", arm.from));
  }
  if (selects.empty()) return kNoRecords;
  return with_tables(join_union(selects), tables);
}

Result<int64_t> count_marked(Connection& connection, const MarkedTable& tables,
                             const ReadScope& scope, const std::vector<Condition>& filters) {
  std::string sql = replace_all(kMergedCount, "{visible}", visible_rids(tables, scope, filters));
  TALLINN_ASSIGN_OR_RETURN(Statement query, connection.prepare(sql));
  bind_visible(query, scope, filters);
  TALLINN_ASSIGN_OR_RETURN(bool row, query.step());
  if (!row) return internal_error();
  return query.column_int64(0);
}

// One placeholder per allocation status, :allocation_<n> for status n, in
// the lists of the sums that count it.
std::string allocation_money_sql(std::string_view by) {
  const MoneyStatuses statuses = money_statuses();
  auto placeholders = [](const std::vector<std::string>& words) {
    std::string list;
    for (const std::string& word : words) {
      if (!list.empty()) list += ", ";
      list += ":allocation_" + std::to_string(static_cast<int>(*parse_allocation_status(word)));
    }
    return list;
  };
  std::string sql = replace_all(kAllocationMoney, "{by}", by);
  sql = replace_all(std::move(sql), "{approved}", placeholders(statuses.approved));
  sql = replace_all(std::move(sql), "{committed}", placeholders(statuses.committed));
  return replace_all(std::move(sql), "{delivered}", placeholders(statuses.delivered));
}

void bind_allocation_statuses(Statement& query) {
  for (int index = 0; index < kAllocationStatusCount; ++index) {
    std::string name = ":allocation_" + std::to_string(index);
    if (query.has_parameter(name)) {
      query.bind(name, to_string(static_cast<AllocationStatus>(index)));
    }
  }
}

}  // namespace tallinn::store::sqlite
