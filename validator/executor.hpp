#pragma once

#include <libpq-fe.h>

#include <optional>

#include "linter/diagnostic.hpp"
#include "linter/migration_set.hpp"
#include "linter/parse.hpp"
#include "validator/extensions.hpp"
#include "validator/trace.hpp"

namespace miglint::validate {

/// Where and why a script failed.
struct ScriptFailure {
  /// Byte offset in the file of the failing statement (or of PostgreSQL's error position in it).
  uint32_t offset = 0;
  /// PostgreSQL's message, with its SQLSTATE.
  std::string message;
  /// The table PostgreSQL named in the error, quoted, if any (see ServerError::table).
  std::string table;
};

/// What `--stub-extension` did to one statement.
struct StubEvent {
  /// The statement's file...
  const SourceFile* file = nullptr;
  /// ...and its offset there.
  uint32_t offset = 0;
  /// What was done instead, and which checks that weakens.
  std::string message;
};

/// The extensions a validation stands in for (see ExtensionStandIn), and what their stand-ins did.
struct ExtensionStubs {
  /// The extensions stood in for.
  std::vector<const ExtensionStandIn*> stand_ins;
  /// Each CREATE EXTENSION replaced and each statement skipped, in order.
  std::vector<StubEvent> events;
};

/// Where a script runs.
enum class Nesting {
  /// On its own, as the runner runs it.
  top_level,
  /// Inside a transaction miglint opened (and will roll back): the runner's own BEGIN and COMMIT
  /// are left out, the script's own become savepoints, CONCURRENTLY is blanked out (same length,
  /// so error positions hold), and a failure leaves the transaction for the caller to roll back.
  /// Only for scripts that checkable_in_transaction() accepts.
  inside_check,
  /// Inside the one transaction in which the runner applies a whole run (node-pg-migrate): the
  /// statements as written, without the runner's per-migration BEGIN and COMMIT; a failure leaves
  /// the transaction for the caller to roll back.
  inside_run,
};

/// Applies one script the way its runner would: statements grouped into transactions by the
/// migration's transaction mode (see transaction_states()), each statement sent on its own so an
/// error maps back to its file position. At top level, an open transaction is rolled back on
/// failure.
/// With `trace`, each statement is also measured (see Tracer) and its trace appended; a statement
/// the runner sends outside a transaction is then run in a transaction of its own, so that its
/// locks can be read before they are released.
/// With `first` > 0, the statements before it are taken as applied (see resume_point()).
/// With `stubs`, CREATE EXTENSION of a stubbed extension creates its stand-in instead, and a
/// statement that fails because it needs the real extension is skipped (each recorded).
/// With `trace` and `time_empty`, each traced statement that runs in a transaction and names
/// tables is first also timed with those tables emptied, in a savepoint that is rolled back
/// (StatementTrace::seconds_on_empty_tables: its fixed cost, for production estimates).
std::optional<ScriptFailure> apply_script(PGconn* conn, const SourceFile& file, const ParsedFile& parsed,
                                          TransactionMode mode, Nesting nesting = Nesting::top_level,
                                          std::vector<StatementTrace>* trace = nullptr, size_t first = 0,
                                          ExtensionStubs* stubs = nullptr, bool time_empty = false);

/// After a top-level run of the script failed at `failure_offset`: the index of the first
/// statement whose effects were rolled back, where a second run must start (0 when the runner's
/// transaction covered everything; the BEGIN of the script's own block when the failure was in
/// one; the failing statement itself when it ran in autocommit).
size_t resume_point(const ParsedFile& parsed, TransactionMode mode, uint32_t failure_offset);

/// True when running the script inside an outer transaction that is then rolled back (see
/// Nesting::inside_check) gives the same schema and the same failures as the real run. Not so
/// for VACUUM, REINDEX, CREATE/DROP DATABASE, PREPARE TRANSACTION or COMMIT AND CHAIN; for
/// CONCURRENTLY on a partitioned table or index (which only the concurrent form refuses), or
/// DROP INDEX CONCURRENTLY of several indexes or with CASCADE; and, unless the runner wraps the
/// script in a transaction anyway, for `ALTER TYPE ... ADD VALUE` (whose new value cannot be used
/// in the same transaction); nor for a script whose own BEGIN and COMMIT do not pair up (a COMMIT
/// that ends the runner's transaction). `conn` answers which relations are partitioned.
bool checkable_in_transaction(PGconn* conn, const ParsedFile& parsed, TransactionMode mode);

}  // namespace miglint::validate
