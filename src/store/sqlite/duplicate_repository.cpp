#include "store/sqlite/duplicate_repository.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "store/sqlite/need_repository.h"
#include "store/sqlite/queries.h"
#include "store/text_words.h"

namespace tallinn::store::sqlite::duplicates {
namespace {

// Other needs of the same beneficiary or region that are still open.
constexpr char kCandidateCondition[] =
    "r.id <> :dup_subject AND r.status NOT IN ('draft', 'withdrawn', 'rejected', 'duplicate') "
    "AND (r.org = (SELECT org FROM needs WHERE id = :dup_subject) "
    "OR r.region = (SELECT region FROM needs WHERE id = :dup_subject))";
// Which needs (near the subject) contain each word: one FTS5 lookup per
// word, {words} being "SELECT rowid FROM needs_fts WHERE needs_fts MATCH
// :w0 UNION ALL ..." so a need appears once per word it contains.
constexpr char kWordHits[] =
    "SELECT n.id, count(*) FROM ({words}) AS hit CROSS JOIN needs n ON n.rid = hit.rowid "
    "WHERE n.org = :org OR n.region = :region GROUP BY n.id";
constexpr char kWordArm[] = "SELECT rowid FROM needs_fts WHERE needs_fts MATCH ";
constexpr char kDelete[] = "DELETE FROM need_duplicate_candidates WHERE need = :need";
constexpr char kInsert[] =
    "INSERT INTO need_duplicate_candidates (need, candidate, score_permille) "
    "VALUES (:need, :candidate, :score)";
constexpr char kSelect[] =
    "SELECT candidate, score_permille FROM need_duplicate_candidates WHERE need = :need "
    "ORDER BY score_permille DESC, candidate";

// For each need near the subject, the share of the subject's words it
// contains. bm25() is not used: its IDF falls to ~0 for a word found in
// more than half of a small collection, so its scores say little until
// there are many needs.
Result<std::map<Id, double>> word_overlap(Connection& connection, const Need& subject) {
  std::map<Id, double> overlap;
  std::vector<std::string> words =
      distinct_words(subject.title + " " + subject.description, kDuplicateQueryWords);
  if (words.empty()) return overlap;
  std::string arms;
  for (size_t index = 0; index < words.size(); ++index) {
    if (!arms.empty()) arms += " UNION ALL ";
    arms += kWordArm + (":w" + std::to_string(index));
  }
  std::string sql = kWordHits;
  sql.replace(sql.find("{words}"), 7, arms);
  TALLINN_ASSIGN_OR_RETURN(Statement query, connection.prepare(sql));
  for (size_t index = 0; index < words.size(); ++index) {
    query.bind(":w" + std::to_string(index), '"' + words[index] + '"');
  }
  query.bind(":org", subject.org).bind(":region", region_code(subject.region));
  TALLINN_RETURN_IF_ERROR(visit_rows(query, [&](const Statement& row) {
    overlap[row.column_text(0)] =
        static_cast<double>(row.column_int64(1)) / static_cast<double>(words.size());
    return Status::ok();
  }));
  return overlap;
}

}  // namespace

Result<std::vector<TextMatch>> candidates(Connection& connection, const ReadScope& scope,
                                          const Need& subject, int limit) {
  std::vector<Condition> conditions = {{kCandidateCondition, ":dup_subject", subject.id}};
  TALLINN_ASSIGN_OR_RETURN(Page<Need> page,
                           needs::list_where(connection, scope, conditions, {limit, ""}));
  TALLINN_ASSIGN_OR_RETURN(auto overlap, word_overlap(connection, subject));
  return with_text_similarity(std::move(page.items), overlap);
}

Status replace(Connection& connection, const Id& need, const std::vector<DuplicateMatch>& matches) {
  TALLINN_ASSIGN_OR_RETURN(Statement remove, connection.prepare(kDelete));
  TALLINN_RETURN_IF_ERROR(remove.bind(":need", need).run());
  TALLINN_ASSIGN_OR_RETURN(Statement insert, connection.prepare(kInsert));
  insert.bind(":need", need);
  for (const DuplicateMatch& match : matches) {
    insert.bind(":candidate", match.candidate)
        .bind(":score", static_cast<int64_t>(std::lround(match.score * 1000)));
    TALLINN_RETURN_IF_ERROR(insert.run());
  }
  return Status::ok();
}

Result<std::vector<DuplicateMatch>> of(Connection& connection, const Id& need) {
  TALLINN_ASSIGN_OR_RETURN(Statement query, connection.prepare(kSelect));
  query.bind(":need", need);
  std::vector<DuplicateMatch> matches;
  TALLINN_RETURN_IF_ERROR(visit_rows(query, [&](const Statement& row) {
    matches.push_back({row.column_text(0), static_cast<double>(row.column_int64(1)) / 1000});
    return Status::ok();
  }));
  return matches;
}

}  // namespace tallinn::store::sqlite::duplicates
