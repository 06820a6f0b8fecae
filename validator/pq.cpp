#include "validator/pq.hpp"

#include <fmt/format.h>

namespace miglint::validate {

Connection connect(const std::string& conninfo) { return connect(conninfo, {}); }

Connection connect(const std::string& base, const std::vector<std::pair<std::string, std::string>>& overrides) {
  std::vector<const char*> keywords = {"dbname"};
  std::vector<const char*> values = {base.c_str()};
  for (const auto& [key, value] : overrides) {
    keywords.push_back(key.c_str());
    values.push_back(value.c_str());
  }
  keywords.push_back(nullptr);
  values.push_back(nullptr);
  Connection conn(PQconnectdbParams(keywords.data(), values.data(), 1));
  if (!conn || PQstatus(conn.get()) != CONNECTION_OK) {
    std::string message = conn ? PQerrorMessage(conn.get()) : "out of memory";
    while (!message.empty() && message.back() == '\n') message.pop_back();
    throw Error(fmt::format("cannot connect to PostgreSQL: {}", message));
  }
  // Notices (e.g. "table does not exist, skipping") are noise for a validator.
  PQsetNoticeProcessor(conn.get(), [](void*, const char*) {}, nullptr);
  return conn;
}

Result exec(PGconn* conn, const std::string& sql) {
  Result result(PQexec(conn, sql.c_str()));
  const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) {
    return result;
  }
  const char* primary = result ? PQresultErrorField(result.get(), PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  const char* state = result ? PQresultErrorField(result.get(), PG_DIAG_SQLSTATE) : nullptr;
  const char* position = result ? PQresultErrorField(result.get(), PG_DIAG_STATEMENT_POSITION) : nullptr;
  const char* schema = result ? PQresultErrorField(result.get(), PG_DIAG_SCHEMA_NAME) : nullptr;
  const char* table = result ? PQresultErrorField(result.get(), PG_DIAG_TABLE_NAME) : nullptr;
  std::string message = primary != nullptr ? primary : PQerrorMessage(conn);
  while (!message.empty() && message.back() == '\n') message.pop_back();
  std::string relation;
  if (schema != nullptr && table != nullptr) relation = quote_identifier(conn, schema) + "." + quote_identifier(conn, table);
  throw ServerError(message, state != nullptr ? state : "",
                    position != nullptr ? std::optional<int>(std::atoi(position)) : std::nullopt, std::move(relation));
}

std::vector<std::vector<std::string>> rows(PGconn* conn, const std::string& sql) {
  const Result result = exec(conn, sql);
  std::vector<std::vector<std::string>> out;
  const int columns = PQnfields(result.get());
  for (int row = 0; row < PQntuples(result.get()); ++row) {
    std::vector<std::string>& values = out.emplace_back();
    for (int column = 0; column < columns; ++column) {
      values.emplace_back(PQgetvalue(result.get(), row, column));
    }
  }
  return out;
}

namespace {

// libpq's escaping functions return memory that PQfreemem must release.
std::string escaped(char* quoted, const char* what) {
  if (quoted == nullptr) {
    throw Error(fmt::format("cannot quote {}", what));
  }
  std::string out = quoted;
  PQfreemem(quoted);
  return out;
}

}  // namespace

std::string quote_identifier(PGconn* conn, const std::string& name) {
  return escaped(PQescapeIdentifier(conn, name.c_str(), name.size()), "identifier");
}

std::string quote_literal(PGconn* conn, const std::string& value) {
  return escaped(PQescapeLiteral(conn, value.c_str(), value.size()), "literal");
}

}  // namespace miglint::validate
