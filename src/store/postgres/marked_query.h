// Lists and counts of marked records (needs, offers) filtered by a
// ReadScope inside the query, as in sqlite/marked_query.h: each arm of the
// scope (store/scope_arms.h) reads through its own index, keyset-limited to
// one page, and the arms are merged:
//
//   SELECT <columns> FROM (SELECT id, created_at FROM ((arm) UNION (arm) ...)
//     ORDER BY created_at DESC, id DESC LIMIT $limit) AS v
//   JOIN <records> r ON r.id = v.id ORDER BY v.created_at DESC, v.id DESC
//
// A page thus reads at most (arms x page) index entries, whatever the size
// of the table. UNION removes a record that two arms return.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/domain.h"
#include "core/read_scope.h"
#include "store/postgres/queries.h"

namespace tallinn::store::postgres {

// The tables of one kind of marked record. `records` has columns id, org,
// tlp, creator, created_at, title, description with the indexes of
// 0001_init.sql; `grants` holds its access lists.
struct MarkedTable {
  std::string_view records;
  std::string_view grants;
};

inline constexpr MarkedTable kNeedTables{"needs", "need_grants"};
inline constexpr MarkedTable kOfferTables{"offers", "offer_grants"};

// The condition that every word of `text` occurs in the title or the
// description (full-text search with the tallinn_text configuration of
// 0001_init.sql: case and Latin accents folded), or nullopt when
// `text` has no words.
std::optional<Condition> text_condition(std::string_view text);

// The query of select_marked(), or nullopt when `scope` reveals nothing:
// for EXPLAIN in the tests.
Result<std::optional<Query>> marked_list_query(const MarkedTable& tables, std::string_view columns,
                                               const ReadScope& scope,
                                               const std::vector<Condition>& filters,
                                               const PageRequest& page);

// At most page.limit + 1 records visible under `scope` that meet every one
// of `filters`, newest first from the page's cursor on, with `columns`
// (which name the record's columns as r.<column>).
Result<Rows> select_marked(Connection& connection, const MarkedTable& tables,
                           std::string_view columns, const ReadScope& scope,
                           const std::vector<Condition>& filters, const PageRequest& page);

// The SELECT of the ids (column `id`) of every record visible under `scope`
// that meets `filters`: one index-backed arm per clause, merged by UNION,
// for a query to join its records to; its values are bound in `query`.
// Selects nothing when the scope reveals nothing.
std::string visible_ids(Query& query, const MarkedTable& tables, const ReadScope& scope,
                        const std::vector<Condition>& filters);

// The SELECT of the allocation sums of each record that has allocations
// (store/need_money.h), one row per value of the allocation column `by`
// ("need" or "offer"), with the columns <by>, approved, committed and
// delivered; the status lists are bound in `query`.
std::string allocation_money(Query& query, std::string_view by);

// How many records are visible under `scope` and meet `filters`.
Result<int64_t> count_marked(Connection& connection, const MarkedTable& tables,
                             const ReadScope& scope, const std::vector<Condition>& filters);

// Replaces the grants of the stored `record` with `access`.
Status write_access(Connection& connection, const MarkedTable& tables, const Id& record,
                    const Access& access);

// The rows (record, kind, grantee) of the records in `ids` (a text[]), in
// each record's order; and one such row added to its access list.
Result<Rows> select_grants(Connection& connection, const MarkedTable& tables, const Param& ids);
void add_grant(const Row& row, Access& access);

// The grants of every one of `records` (needs or offers), from one query.
template <typename Record>
Status read_access(Connection& connection, const MarkedTable& tables,
                   std::vector<Record>& records) {
  if (records.empty()) return Status::ok();
  TALLINN_ASSIGN_OR_RETURN(Rows grants, select_grants(connection, tables, ids_of(records)));
  return attach_rows<Record>(grants, records, [](const Row& row, Record& record) {
    add_grant(row, record.access);
    return Status::ok();
  });
}

}  // namespace tallinn::store::postgres
