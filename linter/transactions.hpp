#pragma once

#include <vector>

#include "linter/migration_set.hpp"
#include "linter/parse.hpp"

namespace miglint {

/// Whether a statement runs inside a transaction block.
enum class TransactionState {
  /// Autocommit: the statement is its own transaction.
  outside,
  /// Inside the transaction the runner opens around the migration.
  inside,
  /// Inside a block opened by the script's own BEGIN.
  inside_explicit_block,
  /// The runner is unknown and the file has more than one statement: it may be wrapped.
  unknown,
};

/// True for statements PostgreSQL refuses inside a transaction block: the CONCURRENTLY forms of
/// CREATE INDEX, DROP INDEX, REINDEX and DETACH PARTITION, REINDEX SCHEMA/SYSTEM/DATABASE, VACUUM,
/// CLUSTER of every table, DISCARD ALL, ALTER SYSTEM, CREATE/DROP DATABASE and TABLESPACE, and
/// the subscription commands that reach the publisher (CREATE SUBSCRIPTION creating its slot,
/// DROP SUBSCRIPTION, ALTER SUBSCRIPTION refreshing its publications).
bool cannot_run_in_transaction(const PgQuery__Node& statement);

/// True for the statements Flyway's PostgreSQL parser recognises (by its regexes) as unable to
/// run in a transaction: CREATE/DROP DATABASE, TABLESPACE and SUBSCRIPTION, ALTER SYSTEM,
/// CREATE/DROP INDEX CONCURRENTLY, REINDEX SCHEMA/DATABASE/SYSTEM, VACUUM and DISCARD ALL (and
/// ALTER TYPE ... ADD VALUE, but only before PostgreSQL 12, left out here). What PostgreSQL
/// refuses and Flyway does not recognise (REINDEX ... CONCURRENTLY, DETACH PARTITION CONCURRENTLY,
/// CLUSTER of every table) runs in Flyway's transaction and fails there.
bool flyway_detects_non_transactional(const PgQuery__Node& statement);

/// True when the runner itself wraps the whole script in a transaction (whatever BEGIN/COMMIT the
/// script holds).
bool runner_wraps(const std::vector<Statement>& statements, TransactionMode mode);

/// The transaction state of each statement of a script, from the runner's transaction mode and
/// the script's own BEGIN/COMMIT/ROLLBACK statements.
std::vector<TransactionState> transaction_states(const std::vector<Statement>& statements, TransactionMode mode);

}  // namespace miglint
