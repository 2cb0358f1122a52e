#include "store/postgres/connection.h"

#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <string>

namespace tallinn::store::postgres {
namespace {

constexpr char kSetLockTimeout[] = "SELECT set_config('lock_timeout', $1, false)";

// SQLSTATE classes and codes (PostgreSQL manual, appendix A).
bool is_conflict(std::string_view sqlstate) {
  return sqlstate.starts_with("23") || sqlstate == "40001" || sqlstate == "40P01";
}

bool is_unavailable(std::string_view sqlstate) {
  return sqlstate.starts_with("08") || sqlstate.starts_with("53") || sqlstate.starts_with("57P") ||
         sqlstate == "55P03";
}

Status unavailable() { return Status(ErrorCode::kUnavailable, "database unavailable"); }

constexpr char kDefaultConnectTimeoutSeconds[] = "5";

// libpq prints notices to stderr by default; the store has nothing to say.
void ignore_notice(void*, const char*) {}

}  // namespace

Param::Param(const std::vector<std::string>& values) {
  // The text form of a one-dimensional array: every element quoted, with
  // quotes and backslashes escaped.
  std::string array = "{";
  for (const std::string& value : values) {
    if (array.size() > 1) array += ',';
    array += '"';
    for (char c : value) {
      if (c == '"' || c == '\\') array += '\\';
      array += c;
    }
    array += '"';
  }
  text_ = array + "}";
}

std::string Query::bind(Param value) {
  params.push_back(std::move(value));
  std::string placeholder = "$";
  placeholder += std::to_string(params.size());
  return placeholder;
}

bool Row::is_null(int column) const { return PQgetisnull(rows_.result_.get(), row_, column) != 0; }

std::string Row::text(int column) const {
  const PGresult* result = rows_.result_.get();
  return std::string(PQgetvalue(result, row_, column),
                     static_cast<size_t>(PQgetlength(result, row_, column)));
}

int64_t Row::int64(int column) const {
  const PGresult* result = rows_.result_.get();
  const char* text = PQgetvalue(result, row_, column);
  int64_t value = 0;
  std::from_chars(text, text + PQgetlength(result, row_, column), value);
  return value;
}

bool Row::boolean(int column) const {
  return PQgetvalue(rows_.result_.get(), row_, column)[0] == 't';
}

std::optional<int64_t> Row::optional_int64(int column) const {
  if (is_null(column)) return std::nullopt;
  return int64(column);
}

std::optional<std::string> Row::optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}

Rows::Rows(pg_result* result) : result_(result, PQclear) {}

int Rows::size() const { return PQntuples(result_.get()); }

int64_t Rows::affected() const {
  const char* text = PQcmdTuples(result_.get());
  int64_t value = 0;
  std::from_chars(text, text + std::char_traits<char>::length(text), value);
  return value;
}

Connection::Connection(pg_conn* conn, const LogSink* log) : conn_(conn), log_(log) {}

Result<std::unique_ptr<Connection>> Connection::open(const std::string& url, int lock_timeout_ms,
                                                     const LogSink* log) {
  // libpq processes the keywords in order, the URL's in place of dbname, so
  // a connect_timeout in the URL overrides this default. Without one, a
  // host that drops packets would hold the request for the kernel's TCP
  // timeout instead of answering 503.
  const char* keywords[] = {"connect_timeout", "dbname", nullptr};
  const char* values[] = {kDefaultConnectTimeoutSeconds, url.c_str(), nullptr};
  std::unique_ptr<Connection> connection(
      new Connection(PQconnectdbParams(keywords, values, /*expand_dbname=*/1), log));
  if (connection->conn_ == nullptr || PQstatus(connection->conn_) != CONNECTION_OK) {
    if (log != nullptr && *log) {
      std::string detail = "postgresql connect failed: ";
      detail += connection->conn_ != nullptr ? PQerrorMessage(connection->conn_) : "out of memory";
      std::replace(detail.begin(), detail.end(), '\n', ' ');
      (*log)(detail);
    }
    return unavailable();
  }
  PQsetNoticeProcessor(connection->conn_, ignore_notice, nullptr);
  TALLINN_RETURN_IF_ERROR(
      connection->exec(kSetLockTimeout, {std::to_string(lock_timeout_ms)}).status());
  return connection;
}

Connection::~Connection() { PQfinish(conn_); }

Result<Rows> Connection::exec(std::string_view sql, const std::vector<Param>& params) {
  std::string text(sql);
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const Param& param : params) {
    values.push_back(param.text() ? param.text()->c_str() : nullptr);
  }
  PGresult* result = PQexecParams(conn_, text.c_str(), static_cast<int>(values.size()), nullptr,
                                  values.data(), nullptr, nullptr, 0);
  ExecStatusType status = result != nullptr ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return Rows(result);
  Status outcome = failure(result, text);
  PQclear(result);
  return outcome;
}

Status Connection::exec_script(std::string_view sql) {
  std::string text(sql);
  PGresult* result = PQexec(conn_, text.c_str());
  ExecStatusType status = result != nullptr ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  Status outcome = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK ? Status::ok()
                                                                           : failure(result, text);
  PQclear(result);
  return outcome;
}

bool Connection::broken() const { return PQstatus(conn_) != CONNECTION_OK; }

bool Connection::in_transaction() const { return PQtransactionStatus(conn_) != PQTRANS_IDLE; }

bool Connection::in_failed_transaction() const {
  return PQtransactionStatus(conn_) == PQTRANS_INERROR;
}

Status Connection::failure(const pg_result* result, std::string_view sql) const {
  const char* code = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string_view sqlstate = code != nullptr ? code : "";
  if (log_ != nullptr && *log_) {
    // The primary message only: the DETAIL line quotes the values of the
    // row (an email, a title), which do not belong in the log.
    const char* primary =
        result != nullptr ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    std::string detail = "postgresql error ";
    detail += sqlstate;
    detail += " (";
    detail += primary != nullptr ? primary : PQerrorMessage(conn_);
    detail += ") in: ";
    detail += sql;
    std::replace(detail.begin(), detail.end(), '\n', ' ');
    (*log_)(detail);
  }
  if (broken() || is_unavailable(sqlstate)) return unavailable();
  if (is_conflict(sqlstate)) return conflict("conflicts with stored data");
  return internal_error();
}

}  // namespace tallinn::store::postgres
