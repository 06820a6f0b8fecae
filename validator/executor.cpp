#include "validator/executor.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "linter/transactions.hpp"
#include "validator/pq.hpp"

namespace miglint::validate {

std::optional<ScriptFailure> apply_script(PGconn* conn, const SourceFile& file, const ParsedFile& parsed,
                                          TransactionMode mode) {
  const std::vector<Statement>& statements = parsed.statements();
  const std::vector<TransactionState> states = transaction_states(statements, mode);
  // The runner's own transaction: opened before the first statement it covers, committed after
  // the last one. Explicit BEGIN/COMMIT in the script are sent as written.
  const bool runner_transaction =
      std::any_of(states.begin(), states.end(), [](TransactionState s) { return s == TransactionState::inside; });
  try {
    if (runner_transaction) exec(conn, "BEGIN");
    for (const Statement& stmt : statements) {
      const std::string_view text = file.slice(stmt.range);
      try {
        exec(conn, std::string(text));
      } catch (const ServerError& error) {
        const uint32_t inside = error.position() ? char_position_to_offset(text, *error.position()) : 0;
        if (PQtransactionStatus(conn) != PQTRANS_IDLE) {
          PQclear(PQexec(conn, "ROLLBACK"));
        }
        return ScriptFailure{stmt.range.begin + inside,
                             fmt::format("{} (SQLSTATE {})", error.what(), error.sqlstate())};
      }
    }
    if (runner_transaction) exec(conn, "COMMIT");
  } catch (const ServerError& error) {
    if (PQtransactionStatus(conn) != PQTRANS_IDLE) {
      PQclear(PQexec(conn, "ROLLBACK"));
    }
    return ScriptFailure{statements.empty() ? 0 : statements.back().range.begin,
                         fmt::format("{} (SQLSTATE {})", error.what(), error.sqlstate())};
  }
  if (PQtransactionStatus(conn) != PQTRANS_IDLE) {
    // A script that leaves its own BEGIN open: the runner would roll it back at disconnect.
    PQclear(PQexec(conn, "ROLLBACK"));
    return ScriptFailure{statements.empty() ? 0 : statements.back().range.begin,
                         "the script leaves a transaction open (BEGIN without COMMIT): its changes are rolled back"};
  }
  return std::nullopt;
}

}  // namespace miglint::validate
