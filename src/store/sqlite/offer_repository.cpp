#include "store/sqlite/offer_repository.h"

#include "store/need_money.h"
#include "store/sqlite/columns.h"
#include "store/sqlite/grants.h"
#include "store/sqlite/marked_query.h"
#include "store/sqlite/queries.h"

namespace tallinn::store::sqlite::offers {
namespace {

// Column order read by read_offer().
constexpr std::string_view kColumns = rows::kOfferColumns;
constexpr char kFromById[] = " FROM offers r WHERE r.id = :id";
constexpr char kInsert[] =
    "INSERT INTO offers (id, org, title, description, budget_cents, tlp, status, creator, "
    "version, created_at, updated_at, currency) VALUES (:id, :org, :title, :description, "
    ":budget_cents, :tlp, :status, :creator, :version, :created_at, :updated_at, :currency)";
constexpr char kUpdate[] =
    "UPDATE offers SET org = :org, title = :title, description = :description, "
    "budget_cents = :budget_cents, currency = :currency, tlp = :tlp, status = :status, "
    "creator = :creator, version = :version, updated_at = :updated_at "
    "WHERE id = :id AND version = :expected_version";
constexpr char kDeleteTargets[] = "DELETE FROM offer_targets WHERE offer = :offer";
constexpr char kInsertTarget[] =
    "INSERT INTO offer_targets (offer, kind, position, value) "
    "VALUES (:offer, :kind, :position, :value)";
constexpr char kSelectTargets[] =
    "SELECT kind, value FROM offer_targets WHERE offer = :offer ORDER BY kind, position";

constexpr std::string_view kSectorTarget = "sector";
constexpr std::string_view kRegionTarget = "region";
constexpr std::string_view kCategoryTarget = "category";

// Binds the parameters that kInsert and kUpdate share.
void bind_fields(Statement& statement, const Offer& offer) {
  statement.bind(":id", offer.id)
      .bind(":org", offer.org)
      .bind(":title", offer.title)
      .bind(":description", offer.description)
      .bind(":budget_cents", offer.budget)
      .bind(":currency", offer.currency)
      .bind(":tlp", to_string(offer.tlp))
      .bind(":status", to_string(offer.status))
      .bind(":creator", offer.creator)
      .bind(":updated_at", offer.updated_at);
}

template <typename T>
Status insert_targets(Statement& insert, std::string_view kind, const std::vector<T>& values,
                      std::string_view (*spell)(T)) {
  for (size_t position = 0; position < values.size(); ++position) {
    insert.bind(":kind", kind)
        .bind(":position", static_cast<int64_t>(position))
        .bind(":value", spell(values[position]));
    TALLINN_RETURN_IF_ERROR(insert.run());
  }
  return Status::ok();
}

std::string_view spell_sector(Sector sector) { return to_string(sector); }
std::string_view spell_category(Category category) { return to_string(category); }

Status write_targets(Connection& connection, const Offer& offer) {
  TALLINN_ASSIGN_OR_RETURN(Statement remove, connection.prepare(kDeleteTargets));
  TALLINN_RETURN_IF_ERROR(remove.bind(":offer", offer.id).run());
  TALLINN_ASSIGN_OR_RETURN(Statement insert, connection.prepare(kInsertTarget));
  insert.bind(":offer", offer.id);
  TALLINN_RETURN_IF_ERROR(insert_targets(insert, kSectorTarget, offer.sectors, spell_sector));
  TALLINN_RETURN_IF_ERROR(insert_targets(insert, kRegionTarget, offer.regions, region_code));
  return insert_targets(insert, kCategoryTarget, offer.categories, spell_category);
}

Status read_targets(Connection& connection, Offer& offer) {
  TALLINN_ASSIGN_OR_RETURN(Statement query, connection.prepare(kSelectTargets));
  query.bind(":offer", offer.id);
  return visit_rows(
      query, [&offer](const Statement& row) { return rows::add_target(StatementRow(row), offer); });
}

// {visible} is the UNION of the scope's arms (marked_query.h), {money} the
// allocation sums per offer.
constexpr char kOfferMoney[] =
    "SELECT r.id, r.org, r.budget_cents, r.currency, coalesce(m.approved, 0), "
    "coalesce(m.committed, 0), coalesce(m.delivered, 0) "
    "FROM ({visible}) AS v CROSS JOIN offers r ON r.rid = v.rid "
    "LEFT JOIN ({money}) AS m ON m.offer = r.id";

Result<Offer> read_offer(const Statement& row) { return rows::offer(StatementRow(row)); }

// An offer with its targets and grants.
std::function<Result<Offer>(const Statement&)> reader(Connection& connection) {
  return [&connection](const Statement& row) -> Result<Offer> {
    TALLINN_ASSIGN_OR_RETURN(Offer offer, read_offer(row));
    TALLINN_RETURN_IF_ERROR(read_targets(connection, offer));
    TALLINN_ASSIGN_OR_RETURN(offer.access, read_access(connection, kOfferTables, offer.id));
    return offer;
  };
}

std::vector<Condition> conditions_of(const OfferFilter& filter) {
  std::vector<Condition> conditions;
  if (filter.status) {
    conditions.push_back(column_equals("status", std::string(to_string(*filter.status))));
  }
  if (filter.org) conditions.push_back(column_equals("org", *filter.org));
  if (std::optional<Condition> text = text_condition(kOfferTables, filter.text)) {
    conditions.push_back(std::move(*text));
  }
  return conditions;
}

}  // namespace

Status insert(Connection& connection, const Offer& offer) {
  TALLINN_ASSIGN_OR_RETURN(Statement statement, connection.prepare(kInsert));
  bind_fields(statement, offer);
  statement.bind(":version", offer.version).bind(":created_at", offer.created_at);
  TALLINN_RETURN_IF_ERROR(statement.run());
  TALLINN_RETURN_IF_ERROR(write_targets(connection, offer));
  return write_access(connection, kOfferTables, offer.id, offer.access);
}

Result<Offer> find(Connection& connection, const Id& id) {
  TALLINN_ASSIGN_OR_RETURN(Statement query,
                           connection.prepare("SELECT " + std::string(kColumns) + kFromById));
  query.bind(":id", id);
  return read_one<Offer>(query, reader(connection));
}

Status update(Connection& connection, const Offer& offer, int64_t expected_version) {
  TALLINN_ASSIGN_OR_RETURN(Statement statement, connection.prepare(kUpdate));
  bind_fields(statement, offer);
  statement.bind(":version", expected_version + 1).bind(":expected_version", expected_version);
  TALLINN_RETURN_IF_ERROR(statement.run());
  TALLINN_RETURN_IF_ERROR(finish_versioned_update(connection, "offers", offer.id));
  TALLINN_RETURN_IF_ERROR(write_targets(connection, offer));
  return write_access(connection, kOfferTables, offer.id, offer.access);
}

Result<Page<Offer>> list(Connection& connection, const ReadScope& scope, const OfferFilter& filter,
                         const PageRequest& page) {
  std::vector<Condition> conditions = conditions_of(filter);
  return collect_page<Offer>(
      page.limit,
      [&](const RowVisitor& visit) {
        return visit_marked(connection, kOfferTables, kColumns, scope, conditions, page, visit);
      },
      reader(connection));
}

Result<int64_t> count(Connection& connection, const ReadScope& scope, const OfferFilter& filter) {
  return count_marked(connection, kOfferTables, scope, conditions_of(filter));
}

Result<std::vector<OfferMoney>> money(Connection& connection, const ReadScope& scope,
                                      const OfferFilter& filter) {
  const std::vector<Condition> conditions = conditions_of(filter);
  std::string sql =
      replace_all(kOfferMoney, "{visible}", visible_rids(kOfferTables, scope, conditions));
  sql = replace_all(std::move(sql), "{money}", allocation_money_sql("offer"));
  TALLINN_ASSIGN_OR_RETURN(Statement query, connection.prepare(sql));
  bind_visible(query, scope, conditions);
  bind_allocation_statuses(query);
  std::vector<OfferMoney> offers;
  TALLINN_RETURN_IF_ERROR(visit_rows(query, [&](const Statement& row) -> Status {
    offers.push_back(offer_money(StatementRow(row)));
    return Status::ok();
  }));
  return offers;
}

}  // namespace tallinn::store::sqlite::offers
