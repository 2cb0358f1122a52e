#include "store/need_money.h"
#include "store/postgres/marked_query.h"
#include "store/postgres/queries.h"
#include "store/postgres/repositories.h"
#include "store/record_rows.h"

namespace tallinn::store::postgres::offers {
namespace {

// Column order read by read_offer().
constexpr std::string_view kColumns = rows::kOfferColumns;
constexpr char kFromById[] = " FROM offers r WHERE r.id = $1";
constexpr char kInsert[] =
    "INSERT INTO offers (id, org, title, description, budget_cents, tlp, status, creator, "
    "updated_at, currency, version, created_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";
constexpr char kUpdate[] =
    "UPDATE offers SET org = $2, title = $3, description = $4, budget_cents = $5, tlp = $6, "
    "status = $7, creator = $8, updated_at = $9, currency = $10, version = $11 "
    "WHERE id = $1 AND version = $12";
constexpr char kDeleteTargets[] = "DELETE FROM offer_targets WHERE offer = $1";
constexpr char kInsertTargets[] =
    "INSERT INTO offer_targets (offer, kind, position, value) "
    "SELECT $1, $2, t.position - 1, t.value "
    "FROM unnest($3::text[]) WITH ORDINALITY AS t (value, position)";
constexpr char kSelectTargets[] =
    "SELECT offer, kind, value FROM offer_targets WHERE offer = ANY($1::text[]) "
    "ORDER BY offer, kind, position";

constexpr std::string_view kSectorTarget = "sector";
constexpr std::string_view kRegionTarget = "region";
constexpr std::string_view kCategoryTarget = "category";

// $1..$10 of kInsert and kUpdate.
std::vector<Param> fields(const Offer& offer) {
  return {offer.id,
          offer.org,
          offer.title,
          offer.description,
          offer.budget,
          to_string(offer.tlp),
          to_string(offer.status),
          offer.creator,
          offer.updated_at,
          offer.currency};
}

template <typename T>
Status insert_targets(Connection& connection, const Id& offer, std::string_view kind,
                      const std::vector<T>& values, std::string_view (*spell)(T)) {
  if (values.empty()) return Status::ok();
  std::vector<std::string> spelled;
  for (T value : values) spelled.emplace_back(spell(value));
  return connection.exec(kInsertTargets, {offer, kind, spelled}).status();
}

std::string_view spell_sector(Sector sector) { return to_string(sector); }
std::string_view spell_category(Category category) { return to_string(category); }

Status write_targets(Connection& connection, const Offer& offer) {
  TALLINN_RETURN_IF_ERROR(connection.exec(kDeleteTargets, {offer.id}).status());
  TALLINN_RETURN_IF_ERROR(
      insert_targets(connection, offer.id, kSectorTarget, offer.sectors, spell_sector));
  TALLINN_RETURN_IF_ERROR(
      insert_targets(connection, offer.id, kRegionTarget, offer.regions, region_code));
  return insert_targets(connection, offer.id, kCategoryTarget, offer.categories, spell_category);
}

// {visible} is the UNION of the scope's arms (marked_query.h), {money} the
// allocation sums per offer.
constexpr char kOfferMoney[] =
    "SELECT r.id, r.org, r.budget_cents, r.currency, coalesce(m.approved, 0)::bigint, "
    "coalesce(m.committed, 0)::bigint, coalesce(m.delivered, 0)::bigint "
    "FROM ({visible}) AS v JOIN offers r ON r.id = v.id "
    "LEFT JOIN ({money}) AS m ON m.offer = r.id";

Result<Offer> read_offer(const Row& row) { return rows::offer(row); }

// The offers of `rows` with their targets and grants.
Result<std::vector<Offer>> read_offers(Connection& connection, const Rows& rows) {
  TALLINN_ASSIGN_OR_RETURN(std::vector<Offer> offers, read_all<Offer>(rows, read_offer));
  if (offers.empty()) return offers;
  TALLINN_ASSIGN_OR_RETURN(Rows targets, connection.exec(kSelectTargets, {ids_of(offers)}));
  TALLINN_RETURN_IF_ERROR(attach_rows<Offer>(targets, offers, [](const Row& row, Offer& offer) {
    return rows::add_target(row, offer, 1);
  }));
  TALLINN_RETURN_IF_ERROR(read_access(connection, kOfferTables, offers));
  return offers;
}

std::vector<Condition> conditions_of(const OfferFilter& filter) {
  std::vector<Condition> conditions;
  if (filter.status) conditions.push_back(column_equals("status", to_string(*filter.status)));
  if (filter.org) conditions.push_back(column_equals("org", *filter.org));
  if (std::optional<Condition> text = text_condition(filter.text)) {
    conditions.push_back(std::move(*text));
  }
  return conditions;
}

}  // namespace

Status insert(Connection& connection, const Offer& offer) {
  std::vector<Param> params = fields(offer);
  params.insert(params.end(), {offer.version, offer.created_at});
  TALLINN_RETURN_IF_ERROR(connection.exec(kInsert, params).status());
  TALLINN_RETURN_IF_ERROR(write_targets(connection, offer));
  return write_access(connection, kOfferTables, offer.id, offer.access);
}

Result<Offer> find(Connection& connection, const Id& id) {
  TALLINN_ASSIGN_OR_RETURN(Rows rows,
                           connection.exec("SELECT " + std::string(kColumns) + kFromById, {id}));
  TALLINN_ASSIGN_OR_RETURN(std::vector<Offer> offers, read_offers(connection, rows));
  if (offers.empty()) return not_found();
  return std::move(offers.front());
}

Status update(Connection& connection, const Offer& offer, int64_t expected_version) {
  std::vector<Param> params = fields(offer);
  params.insert(params.end(), {expected_version + 1, expected_version});
  TALLINN_ASSIGN_OR_RETURN(Rows changed, connection.exec(kUpdate, params));
  TALLINN_RETURN_IF_ERROR(finish_versioned_update(connection, "offers", offer.id, changed));
  TALLINN_RETURN_IF_ERROR(write_targets(connection, offer));
  return write_access(connection, kOfferTables, offer.id, offer.access);
}

Result<Page<Offer>> list(Connection& connection, const ReadScope& scope, const OfferFilter& filter,
                         const PageRequest& page) {
  TALLINN_ASSIGN_OR_RETURN(Rows rows, select_marked(connection, kOfferTables, kColumns, scope,
                                                    conditions_of(filter), page));
  TALLINN_ASSIGN_OR_RETURN(std::vector<Offer> offers, read_offers(connection, rows));
  return time_page(std::move(offers), page.limit);
}

Result<int64_t> count(Connection& connection, const ReadScope& scope, const OfferFilter& filter) {
  return count_marked(connection, kOfferTables, scope, conditions_of(filter));
}

Result<std::vector<OfferMoney>> money(Connection& connection, const ReadScope& scope,
                                      const OfferFilter& filter) {
  Query query;
  std::string sql = replace_all(kOfferMoney, "{visible}",
                                visible_ids(query, kOfferTables, scope, conditions_of(filter)));
  query.sql = replace_all(std::move(sql), "{money}", allocation_money(query, "offer"));
  TALLINN_ASSIGN_OR_RETURN(Rows rows, connection.exec(query));
  std::vector<OfferMoney> offers;
  offers.reserve(static_cast<size_t>(rows.size()));
  for (int index = 0; index < rows.size(); ++index) offers.push_back(offer_money(rows[index]));
  return offers;
}

}  // namespace tallinn::store::postgres::offers
