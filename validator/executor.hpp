#pragma once

#include <libpq-fe.h>

#include <optional>

#include "linter/diagnostic.hpp"
#include "linter/migration_set.hpp"
#include "linter/parse.hpp"

namespace miglint::validate {

/// Where and why a script failed.
struct ScriptFailure {
  /// Byte offset in the file of the failing statement (or of PostgreSQL's error position in it).
  uint32_t offset = 0;
  /// PostgreSQL's message, with its SQLSTATE.
  std::string message;
};

/// Applies one script the way its runner would: statements grouped into transactions by the
/// migration's transaction mode (see transaction_states()), each statement sent on its own so an
/// error maps back to its file position. On failure an open transaction is rolled back.
std::optional<ScriptFailure> apply_script(PGconn* conn, const SourceFile& file, const ParsedFile& parsed,
                                          TransactionMode mode);

}  // namespace miglint::validate
