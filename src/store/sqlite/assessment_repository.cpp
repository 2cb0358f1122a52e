#include "store/sqlite/assessment_repository.h"

#include "store/sqlite/columns.h"
#include "store/sqlite/grants.h"
#include "store/sqlite/marked_query.h"
#include "store/sqlite/queries.h"

namespace tallinn::store::sqlite::assessments {
namespace {

// Assessments have no text search, so no FTS table.
constexpr MarkedTable kAssessmentTables{"assessments", "assessment_grants", ""};

// Column order read by read_assessment().
constexpr std::string_view kColumns = rows::kAssessmentColumns;
constexpr char kFromById[] = " FROM assessments r WHERE r.id = :id";
constexpr char kInsert[] =
    "INSERT INTO assessments (id, org, title, sector, region, criticality, tlp, creator, "
    "version, created_at, updated_at) VALUES (:id, :org, :title, :sector, :region, "
    ":criticality, :tlp, :creator, :version, :created_at, :updated_at)";
constexpr char kInsertMeasure[] =
    "INSERT INTO assessment_measures (assessment, measure, score, evidence) "
    "VALUES (:assessment, :measure, :score, :evidence)";
constexpr char kSelectMeasures[] =
    "SELECT measure, score, evidence FROM assessment_measures WHERE assessment = :assessment";

Result<Assessment> read_assessment(const Statement& row) {
  return rows::assessment(StatementRow(row));
}

Status read_measures(Connection& connection, Assessment& assessment) {
  TALLINN_ASSIGN_OR_RETURN(Statement query, connection.prepare(kSelectMeasures));
  query.bind(":assessment", assessment.id);
  return visit_rows(query, [&](const Statement& row) {
    return rows::add_measure(StatementRow(row), assessment);
  });
}

// An assessment with its measures and grants.
std::function<Result<Assessment>(const Statement&)> reader(Connection& connection) {
  return [&connection](const Statement& row) -> Result<Assessment> {
    TALLINN_ASSIGN_OR_RETURN(Assessment assessment, read_assessment(row));
    TALLINN_RETURN_IF_ERROR(read_measures(connection, assessment));
    TALLINN_ASSIGN_OR_RETURN(assessment.access,
                             read_access(connection, kAssessmentTables, assessment.id));
    return assessment;
  };
}

}  // namespace

Status insert(Connection& connection, const Assessment& assessment) {
  TALLINN_ASSIGN_OR_RETURN(Statement statement, connection.prepare(kInsert));
  statement.bind(":id", assessment.id)
      .bind(":org", assessment.org)
      .bind(":title", assessment.title)
      .bind(":sector", to_string(assessment.sector))
      .bind(":region", region_code(assessment.region))
      .bind(":criticality", int64_t{assessment.criticality})
      .bind(":tlp", to_string(assessment.tlp))
      .bind(":creator", assessment.creator)
      .bind(":version", assessment.version)
      .bind(":created_at", assessment.created_at)
      .bind(":updated_at", assessment.updated_at);
  TALLINN_RETURN_IF_ERROR(statement.run());
  TALLINN_ASSIGN_OR_RETURN(Statement measure, connection.prepare(kInsertMeasure));
  measure.bind(":assessment", assessment.id);
  for (int index = 0; index < kMeasureCount; ++index) {
    const MeasureScore& scored = assessment.measures[index];
    measure.bind(":measure", to_string(static_cast<Measure>(index)))
        .bind(":score", int64_t{scored.score})
        .bind(":evidence", scored.evidence);
    TALLINN_RETURN_IF_ERROR(measure.run());
  }
  return write_access(connection, kAssessmentTables, assessment.id, assessment.access);
}

Result<Assessment> find(Connection& connection, const Id& id) {
  TALLINN_ASSIGN_OR_RETURN(Statement query,
                           connection.prepare("SELECT " + std::string(kColumns) + kFromById));
  query.bind(":id", id);
  return read_one<Assessment>(query, reader(connection));
}

Result<Page<Assessment>> list(Connection& connection, const ReadScope& scope,
                              const AssessmentFilter& filter, const PageRequest& page) {
  std::vector<Condition> conditions;
  if (filter.org) conditions.push_back(column_equals("org", *filter.org));
  return collect_page<Assessment>(
      page.limit,
      [&](const RowVisitor& visit) {
        return visit_marked(connection, kAssessmentTables, kColumns, scope, conditions, page,
                            visit);
      },
      reader(connection));
}

}  // namespace tallinn::store::sqlite::assessments
