#include <algorithm>
#include <cmath>
#include <map>

#include "store/postgres/queries.h"
#include "store/postgres/repositories.h"
#include "store/text_words.h"

namespace tallinn::store::postgres::duplicates {
namespace {

// Other needs of the same beneficiary or region that are still open.
constexpr char kCandidateCondition[] =
    "r.id <> {value} AND r.status NOT IN ('draft', 'withdrawn', 'rejected', 'duplicate') "
    "AND (r.org = (SELECT org FROM needs WHERE id = {value}) "
    "OR r.region = (SELECT region FROM needs WHERE id = {value}))";
// How many of the words ($2) each candidate ($1) contains, one full-text
// match per (candidate, word): a page of candidates costs page x words
// matches, whatever the number of needs. phraseto_tsquery makes a "word"
// the text parser splits (an em dash inside) a phrase, as FTS5 does with a
// quoted string.
constexpr char kWordHits[] =
    "SELECT n.id, count(*) FROM needs n CROSS JOIN unnest($2::text[]) AS w (word) "
    "WHERE n.id = ANY($1::text[]) "
    "AND to_tsvector('tallinn_text'::regconfig, n.title || ' ' || n.description) @@ "
    "phraseto_tsquery('tallinn_text'::regconfig, w.word) GROUP BY n.id";
constexpr char kDelete[] = "DELETE FROM need_duplicate_candidates WHERE need = $1";
constexpr char kInsert[] =
    "INSERT INTO need_duplicate_candidates (need, candidate, score_permille) "
    "SELECT $1, m.candidate, m.score::integer "
    "FROM unnest($2::text[], $3::text[]) AS m (candidate, score)";
constexpr char kSelect[] =
    "SELECT candidate, score_permille FROM need_duplicate_candidates WHERE need = $1 "
    "ORDER BY score_permille DESC, candidate";

// For each of `candidates`, the share of the subject's words it contains.
Result<std::map<Id, double>> word_overlap(Connection& connection, const Need& subject,
                                          const std::vector<Need>& candidates) {
  std::map<Id, double> overlap;
  std::vector<std::string> words =
      distinct_words(subject.title + " " + subject.description, kDuplicateQueryWords);
  if (words.empty() || candidates.empty()) return overlap;
  TALLINN_ASSIGN_OR_RETURN(Rows rows, connection.exec(kWordHits, {ids_of(candidates), words}));
  for (int index = 0; index < rows.size(); ++index) {
    overlap[rows[index].text(0)] =
        static_cast<double>(rows[index].int64(1)) / static_cast<double>(words.size());
  }
  return overlap;
}

}  // namespace

Result<std::vector<TextMatch>> candidates(Connection& connection, const ReadScope& scope,
                                          const Need& subject, int limit) {
  TALLINN_ASSIGN_OR_RETURN(
      Page<Need> page,
      needs::list_where(connection, scope, {{kCandidateCondition, subject.id}}, {limit, ""}));
  TALLINN_ASSIGN_OR_RETURN(auto overlap, word_overlap(connection, subject, page.items));
  return with_text_similarity(std::move(page.items), overlap);
}

Status replace(Connection& connection, const Id& need, const std::vector<DuplicateMatch>& matches) {
  TALLINN_RETURN_IF_ERROR(connection.exec(kDelete, {need}).status());
  if (matches.empty()) return Status::ok();
  std::vector<std::string> candidates, scores;
  for (const DuplicateMatch& match : matches) {
    candidates.push_back(match.candidate);
    scores.push_back(std::to_string(std::lround(match.score * 1000)));
  }
  return connection.exec(kInsert, {need, candidates, scores}).status();
}

Result<std::vector<DuplicateMatch>> of(Connection& connection, const Id& need) {
  TALLINN_ASSIGN_OR_RETURN(Rows rows, connection.exec(kSelect, {need}));
  std::vector<DuplicateMatch> matches;
  for (int index = 0; index < rows.size(); ++index) {
    matches.push_back({rows[index].text(0), static_cast<double>(rows[index].int64(1)) / 1000});
  }
  return matches;
}

}  // namespace tallinn::store::postgres::duplicates
