#include "store/postgres/marked_query.h"
#include "store/postgres/queries.h"
#include "store/postgres/repositories.h"
#include "store/record_rows.h"

namespace tallinn::store::postgres::assessments {
namespace {

constexpr MarkedTable kAssessmentTables{"assessments", "assessment_grants"};

// Column order read by read_assessment().
constexpr std::string_view kColumns = rows::kAssessmentColumns;
constexpr char kFromById[] = " FROM assessments r WHERE r.id = $1";
constexpr char kInsert[] =
    "INSERT INTO assessments (id, org, title, sector, region, criticality, tlp, creator, "
    "version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
constexpr char kInsertMeasures[] =
    "INSERT INTO assessment_measures (assessment, measure, score, evidence) "
    "SELECT $1, m.measure, m.score::integer, m.evidence "
    "FROM unnest($2::text[], $3::text[], $4::text[]) AS m (measure, score, evidence)";
constexpr char kSelectMeasures[] =
    "SELECT assessment, measure, score, evidence FROM assessment_measures "
    "WHERE assessment = ANY($1::text[]) ORDER BY assessment, measure";

Result<Assessment> read_assessment(const Row& row) { return rows::assessment(row); }

// The assessments of `rows` with their measures and grants, from one query
// each.
Result<std::vector<Assessment>> read_assessments(Connection& connection, const Rows& rows) {
  TALLINN_ASSIGN_OR_RETURN(std::vector<Assessment> assessments,
                           read_all<Assessment>(rows, read_assessment));
  if (assessments.empty()) return assessments;
  TALLINN_ASSIGN_OR_RETURN(Rows measures, connection.exec(kSelectMeasures, {ids_of(assessments)}));
  TALLINN_RETURN_IF_ERROR(
      attach_rows<Assessment>(measures, assessments, [](const Row& row, Assessment& assessment) {
        return rows::add_measure(row, assessment, 1);
      }));
  TALLINN_RETURN_IF_ERROR(read_access(connection, kAssessmentTables, assessments));
  return assessments;
}

}  // namespace

Status insert(Connection& connection, const Assessment& assessment) {
  TALLINN_RETURN_IF_ERROR(
      connection
          .exec(kInsert, {assessment.id, assessment.org, assessment.title,
                          to_string(assessment.sector), region_code(assessment.region),
                          assessment.criticality, to_string(assessment.tlp), assessment.creator,
                          assessment.version, assessment.created_at, assessment.updated_at})
          .status());
  std::vector<std::string> measures, scores, evidence;
  for (int index = 0; index < kMeasureCount; ++index) {
    measures.emplace_back(to_string(static_cast<Measure>(index)));
    scores.push_back(std::to_string(assessment.measures[index].score));
    evidence.push_back(assessment.measures[index].evidence);
  }
  TALLINN_RETURN_IF_ERROR(
      connection.exec(kInsertMeasures, {assessment.id, measures, scores, evidence}).status());
  return write_access(connection, kAssessmentTables, assessment.id, assessment.access);
}

Result<Assessment> find(Connection& connection, const Id& id) {
  TALLINN_ASSIGN_OR_RETURN(Rows rows,
                           connection.exec("SELECT " + std::string(kColumns) + kFromById, {id}));
  TALLINN_ASSIGN_OR_RETURN(std::vector<Assessment> assessments, read_assessments(connection, rows));
  if (assessments.empty()) return not_found();
  return std::move(assessments.front());
}

Result<Page<Assessment>> list(Connection& connection, const ReadScope& scope,
                              const AssessmentFilter& filter, const PageRequest& page) {
  std::vector<Condition> conditions;
  if (filter.org) conditions.push_back(column_equals("org", *filter.org));
  TALLINN_ASSIGN_OR_RETURN(
      Rows rows, select_marked(connection, kAssessmentTables, kColumns, scope, conditions, page));
  TALLINN_ASSIGN_OR_RETURN(std::vector<Assessment> assessments, read_assessments(connection, rows));
  return time_page(std::move(assessments), page.limit);
}

}  // namespace tallinn::store::postgres::assessments
