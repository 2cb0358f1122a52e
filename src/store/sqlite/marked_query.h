// Lists and counts of marked records (needs, offers) filtered by a
// ReadScope inside the query.
//
// The visibility of a ReadScope is an OR of clauses (a marking together with
// one relation: anyone, owner organisation, granted organisation, named user,
// creator). A single scan testing that OR walks the whole created_at index
// when few rows are visible, so each clause becomes its own index-backed
// arm, newest first and keyset-limited to one page:
//
//   SELECT r.rid, created_at, id FROM <arm> ORDER BY created_at DESC, id DESC LIMIT :limit
//
// A list steps the arms side by side and takes the newest row of any arm
// until the page is full, then reads each record by rid. It thus reads at
// most (page + arms) index entries and one row per record, whatever the size
// of the table; a record that two arms reveal is taken once. (A UNION of the
// arms in one statement gives the same answer but sorts arms x page rows in
// temporary B-trees: four times the work at 100,000 needs.) Counts and
// aggregates, which need every visible row, use visible_rids().
#pragma once

#include <string_view>
#include <vector>

#include "core/domain.h"
#include "core/read_scope.h"
#include "store/sqlite/queries.h"

namespace tallinn::store::sqlite {

// The tables of one kind of marked record. `records` has columns rid, id,
// org, tlp, creator, created_at with the indexes of 0001_init.sql; `grants`
// holds its access lists; `fts` indexes its title and description.
struct MarkedTable {
  std::string_view records;
  std::string_view grants;
  std::string_view fts;
};

inline constexpr MarkedTable kNeedTables{"needs", "need_grants", "needs_fts"};
inline constexpr MarkedTable kOfferTables{"offers", "offer_grants", "offers_fts"};

// `sql` with the placeholders {records}, {grants} and {fts} replaced by the
// names of `tables`.
std::string with_tables(std::string sql, const MarkedTable& tables);

// The condition that every word of `text` occurs in the title or the
// description, or nullopt when `text` has no words. Conditions refer to the
// record as `r`.
std::optional<Condition> text_condition(const MarkedTable& tables, std::string_view text);

// Visits, newest first from the page's cursor on, at most page.limit + 1
// records visible under `scope` that meet every one of `filters`. Rows have
// `columns`, which name the record's columns as r.<column>.
Status visit_marked(Connection& connection, const MarkedTable& tables, std::string_view columns,
                    const ReadScope& scope, const std::vector<Condition>& filters,
                    const PageRequest& page, const RowVisitor& visit);

// The SELECT of the rids (column `rid`) of every record visible under
// `scope` that meets `filters`: one index-backed arm per clause, merged by
// UNION, for a query to join its records to (bind it with bind_visible()).
// Selects nothing when the scope reveals nothing.
std::string visible_rids(const MarkedTable& tables, const ReadScope& scope,
                         const std::vector<Condition>& filters);
// Binds the parameters of visible_rids() in `query`.
void bind_visible(Statement& query, const ReadScope& scope, const std::vector<Condition>& filters);

// The SELECT of the allocation sums of each record that has allocations
// (store/need_money.h), one row per value of the allocation column `by`
// ("need" or "offer"), with the columns <by>, approved, committed and
// delivered; bind its parameters with bind_allocation_statuses().
std::string allocation_money_sql(std::string_view by);
void bind_allocation_statuses(Statement& query);

// How many records are visible under `scope` and meet `filters`.
Result<int64_t> count_marked(Connection& connection, const MarkedTable& tables,
                             const ReadScope& scope, const std::vector<Condition>& filters);

}  // namespace tallinn::store::sqlite
