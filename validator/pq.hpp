#pragma once

#include <libpq-fe.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "linter/error.hpp"

namespace miglint::validate {

/// An error PostgreSQL reported for a statement, with what is needed to point at the SQL.
class ServerError : public Error {
 public:
  /// `message` is PostgreSQL's primary message; `position` its 1-based character position in the
  /// statement, when it gave one.
  ServerError(std::string message, std::string sqlstate, std::optional<int> position, std::string table = {})
      : Error(message), sqlstate_(std::move(sqlstate)), position_(position), table_(std::move(table)) {}
  /// The SQLSTATE code, e.g. `42P01`.
  const std::string& sqlstate() const { return sqlstate_; }
  /// 1-based character position inside the statement, if any.
  std::optional<int> position() const { return position_; }
  /// The table the error is about, schema-qualified and quoted, when PostgreSQL names one (a
  /// constraint violation, a column holding NULLs); empty otherwise.
  const std::string& table() const { return table_; }

 private:
  std::string sqlstate_;
  std::optional<int> position_;
  std::string table_;
};

/// Frees a PGconn with PQfinish.
struct ConnectionDeleter {
  /// Closes the connection.
  void operator()(PGconn* conn) const { PQfinish(conn); }
};
/// Frees a PGresult with PQclear.
struct ResultDeleter {
  /// Frees the result.
  void operator()(PGresult* result) const { PQclear(result); }
};
/// An open connection.
using Connection = std::unique_ptr<PGconn, ConnectionDeleter>;
/// A query result.
using Result = std::unique_ptr<PGresult, ResultDeleter>;

/// Connects with a libpq connection string; throws Error with libpq's message on failure.
Connection connect(const std::string& conninfo);

/// Connects with `base` (a connection string or postgresql:// URL) and the given keyword
/// overrides (e.g. another dbname); later settings win, as libpq defines.
Connection connect(const std::string& base, const std::vector<std::pair<std::string, std::string>>& overrides);

/// Runs one or more statements (simple protocol) and returns the last result; throws
/// ServerError when PostgreSQL reports an error.
Result exec(PGconn* conn, const std::string& sql);

/// Runs `sql`, a query without parameters, as a statement prepared on this session under `name`,
/// preparing it the first time: the server then plans it once, not at every call. Throws
/// ServerError like exec().
Result exec_prepared(PGconn* conn, const std::string& name, const std::string& sql);

/// Reads again which statements are prepared on `conn` (after a DEALLOCATE or DISCARD ALL ran
/// there), so exec_prepared() prepares again the ones that went and never one that is there:
/// either mistake would be an error, and inside a transaction that ends it.
void reread_prepared(PGconn* conn);

/// The rows of a query's result, each as strings (NULL becomes an empty string).
using Rows = std::vector<std::vector<std::string>>;

/// Runs a query and returns every row as strings (NULL becomes an empty string).
Rows rows(PGconn* conn, const std::string& sql);

/// Runs several queries separated by semicolons in one round trip and returns the rows of each;
/// throws ServerError for the first that fails (they run in one implicit transaction).
std::vector<Rows> rows_of_each(PGconn* conn, const std::string& sql);

/// Quotes an identifier for SQL built by miglint itself.
std::string quote_identifier(PGconn* conn, const std::string& name);

/// Quotes a string literal for SQL built by miglint itself.
std::string quote_literal(PGconn* conn, const std::string& value);

}  // namespace miglint::validate
