#include "validator/pq.hpp"

#include <fmt/format.h>

#include <map>
#include <mutex>
#include <set>
#include <string_view>

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

namespace {

bool succeeded(const Result& result) {
  const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY;
}

// Throws the ServerError that `result` (or, without one, the connection) reports.
[[noreturn]] void throw_server_error(PGconn* conn, const Result& result) {
  const char* primary = result ? PQresultErrorField(result.get(), PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  const char* state = result ? PQresultErrorField(result.get(), PG_DIAG_SQLSTATE) : nullptr;
  const char* position = result ? PQresultErrorField(result.get(), PG_DIAG_STATEMENT_POSITION) : nullptr;
  const char* schema = result ? PQresultErrorField(result.get(), PG_DIAG_SCHEMA_NAME) : nullptr;
  const char* table = result ? PQresultErrorField(result.get(), PG_DIAG_TABLE_NAME) : nullptr;
  std::string message = primary != nullptr ? primary : PQerrorMessage(conn);
  while (!message.empty() && message.back() == '\n') message.pop_back();
  // Class 53, insufficient resources (a full disk, no memory, no connection slot left): the
  // machine failed, not the statement, so it must not become a finding about a migration.
  if (state != nullptr && std::string_view(state).starts_with("53")) {
    throw Error(fmt::format("the PostgreSQL server ran out of resources: {} (SQLSTATE {}). This is the machine, not the "
                            "migration; give the server more room (for miglint's own server, set TMPDIR to a "
                            "directory with more free space)",
                            message, state));
  }
  std::string relation;
  if (schema != nullptr && table != nullptr) relation = quote_identifier(conn, schema) + "." + quote_identifier(conn, table);
  throw ServerError(message, state != nullptr ? state : "",
                    position != nullptr ? std::optional<int>(std::atoi(position)) : std::nullopt, std::move(relation));
}

Rows rows_of(const Result& result) {
  Rows out;
  const int columns = PQnfields(result.get());
  for (int row = 0; row < PQntuples(result.get()); ++row) {
    std::vector<std::string>& values = out.emplace_back();
    for (int column = 0; column < columns; ++column) {
      values.emplace_back(PQgetvalue(result.get(), row, column));
    }
  }
  return out;
}

}  // namespace

Result exec(PGconn* conn, const std::string& sql) {
  Result result(PQexec(conn, sql.c_str()));
  if (!succeeded(result)) throw_server_error(conn, result);
  return result;
}

Rows rows(PGconn* conn, const std::string& sql) { return rows_of(exec(conn, sql)); }

namespace {

// The statements exec_prepared() prepared, per session. A session is its connection and its
// backend's PID: a connection opened later may get the address of a closed one.
struct PreparedStatements {
  std::mutex mutex;
  std::map<std::pair<const PGconn*, int>, std::set<std::string>> by_session;
};

PreparedStatements& prepared_statements() {
  static PreparedStatements registry;
  return registry;
}

}  // namespace

Result exec_prepared(PGconn* conn, const std::string& name, const std::string& sql) {
  PreparedStatements& registry = prepared_statements();
  const std::pair<const PGconn*, int> session{conn, PQbackendPID(conn)};
  bool known = false;
  {
    const std::lock_guard<std::mutex> lock(registry.mutex);
    known = registry.by_session[session].contains(name);
  }
  // Preparing is not transactional: the statement stays when the transaction around it rolls back.
  if (!known) {
    const Result prepared(PQprepare(conn, name.c_str(), sql.c_str(), 0, nullptr));
    if (!succeeded(prepared)) throw_server_error(conn, prepared);
    const std::lock_guard<std::mutex> lock(registry.mutex);
    registry.by_session[session].insert(name);
  }
  Result result(PQexecPrepared(conn, name.c_str(), 0, nullptr, nullptr, nullptr, 0));
  if (!succeeded(result)) throw_server_error(conn, result);
  return result;
}

void reread_prepared(PGconn* conn) {
  std::set<std::string> names;
  for (std::vector<std::string>& row : rows(conn, "SELECT name FROM pg_prepared_statements")) names.insert(std::move(row[0]));
  PreparedStatements& registry = prepared_statements();
  const std::lock_guard<std::mutex> lock(registry.mutex);
  registry.by_session[{conn, PQbackendPID(conn)}] = std::move(names);
}

std::vector<Rows> rows_of_each(PGconn* conn, const std::string& sql) {
  if (PQsendQuery(conn, sql.c_str()) == 0) throw_server_error(conn, Result(nullptr));
  std::vector<Rows> out;
  std::optional<Result> failed;
  // Every result is read, so the connection is ready for the next query even after an error.
  while (PGresult* next = PQgetResult(conn)) {
    Result result(next);
    if (failed) continue;
    if (succeeded(result)) {
      out.push_back(rows_of(result));
    } else {
      failed = std::move(result);
    }
  }
  if (failed) throw_server_error(conn, *failed);
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
