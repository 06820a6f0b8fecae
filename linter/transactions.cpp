#include "linter/transactions.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>

#include "linter/pg_node.hpp"

namespace miglint {

namespace {

bool detaches_concurrently(const PgQuery__AlterTableStmt& alter) {
  for (size_t i = 0; i < alter.n_cmds; ++i) {
    const PgQuery__Node* cmd = alter.cmds[i];
    if (cmd->node_case != PG_QUERY__NODE__NODE_ALTER_TABLE_CMD) continue;
    const PgQuery__AlterTableCmd& command = *cmd->alter_table_cmd;
    if (command.subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_DetachPartition && command.def != nullptr &&
        command.def->node_case == PG_QUERY__NODE__NODE_PARTITION_CMD && command.def->partition_cmd->concurrent) {
      return true;
    }
  }
  return false;
}

// A boolean option as PostgreSQL's defGetBoolean() reads it (no value is true), or nullopt when
// `options` does not set `name`.
std::optional<bool> boolean_option(PgQuery__Node* const* options, size_t count, std::string_view name) {
  for (const PgQuery__Node* option : items(options, count)) {
    if (option->node_case != PG_QUERY__NODE__NODE_DEF_ELEM || name != option->def_elem->defname) continue;
    const PgQuery__Node* arg = option->def_elem->arg;
    if (arg == nullptr) return true;
    if (arg->node_case == PG_QUERY__NODE__NODE_INTEGER) return arg->integer->ival != 0;
    if (arg->node_case == PG_QUERY__NODE__NODE_BOOLEAN) return arg->boolean->boolval != 0;
    // PostgreSQL accepts true, false, on and off in any case (and refuses anything else). An
    // unquoted word that is not a keyword (`off`) parses as a type name.
    std::string value(arg->node_case == PG_QUERY__NODE__NODE_TYPE_NAME && arg->type_name->n_names == 1
                          ? string_value(arg->type_name->names[0])
                          : string_value(arg));
    std::transform(value.begin(), value.end(), value.begin(), [](unsigned char c) { return std::tolower(c); });
    return value != "false" && value != "off";
  }
  return std::nullopt;
}

// CREATE SUBSCRIPTION creates the replication slot on the publisher unless told not to
// (create_slot = false, or connect = false, which turns create_slot's default off), and a slot
// cannot be created in a transaction block.
bool creates_replication_slot(const PgQuery__CreateSubscriptionStmt& create) {
  if (std::optional<bool> create_slot = boolean_option(create.options, create.n_options, "create_slot")) return *create_slot;
  return boolean_option(create.options, create.n_options, "connect").value_or(true);
}

// ALTER SUBSCRIPTION ... REFRESH PUBLICATION, and SET/ADD/DROP PUBLICATION unless refresh = false,
// refresh the table list on the publisher (of an enabled subscription; a disabled one is refused
// everywhere).
bool refreshes_publication(const PgQuery__AlterSubscriptionStmt& alter) {
  switch (alter.kind) {
    case PG_QUERY__ALTER_SUBSCRIPTION_TYPE__ALTER_SUBSCRIPTION_REFRESH: return true;
    case PG_QUERY__ALTER_SUBSCRIPTION_TYPE__ALTER_SUBSCRIPTION_SET_PUBLICATION:
    case PG_QUERY__ALTER_SUBSCRIPTION_TYPE__ALTER_SUBSCRIPTION_ADD_PUBLICATION:
    case PG_QUERY__ALTER_SUBSCRIPTION_TYPE__ALTER_SUBSCRIPTION_DROP_PUBLICATION:
      return boolean_option(alter.options, alter.n_options, "refresh").value_or(true);
    default: return false;
  }
}

}  // namespace

bool cannot_run_in_transaction(const PgQuery__Node& statement) {
  switch (statement.node_case) {
    case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT: return detaches_concurrently(*statement.alter_table_stmt);
    case PG_QUERY__NODE__NODE_DISCARD_STMT: return statement.discard_stmt->target == PG_QUERY__DISCARD_MODE__DISCARD_ALL;
    // CLUSTER without a table clusters every table, one transaction each.
    case PG_QUERY__NODE__NODE_CLUSTER_STMT: return statement.cluster_stmt->relation == nullptr;
    case PG_QUERY__NODE__NODE_ALTER_SYSTEM_STMT:
    case PG_QUERY__NODE__NODE_CREATE_TABLE_SPACE_STMT:
    case PG_QUERY__NODE__NODE_DROP_TABLE_SPACE_STMT: return true;
    case PG_QUERY__NODE__NODE_INDEX_STMT: return statement.index_stmt->concurrent != 0;
    case PG_QUERY__NODE__NODE_DROP_STMT: return statement.drop_stmt->concurrent != 0;
    case PG_QUERY__NODE__NODE_REINDEX_STMT:
      if (statement.reindex_stmt->kind == PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_SCHEMA ||
          statement.reindex_stmt->kind == PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_SYSTEM ||
          statement.reindex_stmt->kind == PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_DATABASE) {
        return true;
      }
      for (size_t i = 0; i < statement.reindex_stmt->n_params; ++i) {
        const PgQuery__Node* param = statement.reindex_stmt->params[i];
        if (param->node_case == PG_QUERY__NODE__NODE_DEF_ELEM && std::string_view(param->def_elem->defname) == "concurrently") {
          return true;
        }
      }
      return false;
    case PG_QUERY__NODE__NODE_VACUUM_STMT: return statement.vacuum_stmt->is_vacuumcmd != 0;
    case PG_QUERY__NODE__NODE_CREATEDB_STMT:
    case PG_QUERY__NODE__NODE_DROPDB_STMT: return true;
    case PG_QUERY__NODE__NODE_CREATE_SUBSCRIPTION_STMT: return creates_replication_slot(*statement.create_subscription_stmt);
    case PG_QUERY__NODE__NODE_ALTER_SUBSCRIPTION_STMT: return refreshes_publication(*statement.alter_subscription_stmt);
    // It drops the subscription's replication slot, which every subscription has unless its
    // slot_name was set to NONE (not known here).
    case PG_QUERY__NODE__NODE_DROP_SUBSCRIPTION_STMT: return true;
    default: return false;
  }
}

bool flyway_detects_non_transactional(const PgQuery__Node& statement) {
  switch (statement.node_case) {
    case PG_QUERY__NODE__NODE_CREATEDB_STMT:
    case PG_QUERY__NODE__NODE_DROPDB_STMT:
    case PG_QUERY__NODE__NODE_CREATE_TABLE_SPACE_STMT:
    case PG_QUERY__NODE__NODE_DROP_TABLE_SPACE_STMT:
    case PG_QUERY__NODE__NODE_CREATE_SUBSCRIPTION_STMT:
    case PG_QUERY__NODE__NODE_DROP_SUBSCRIPTION_STMT:
    case PG_QUERY__NODE__NODE_ALTER_SYSTEM_STMT: return true;
    case PG_QUERY__NODE__NODE_INDEX_STMT: return statement.index_stmt->concurrent != 0;
    case PG_QUERY__NODE__NODE_DROP_STMT:
      return statement.drop_stmt->concurrent != 0 && statement.drop_stmt->remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_INDEX;
    case PG_QUERY__NODE__NODE_REINDEX_STMT:
      return statement.reindex_stmt->kind == PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_SCHEMA ||
             statement.reindex_stmt->kind == PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_SYSTEM ||
             statement.reindex_stmt->kind == PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_DATABASE;
    case PG_QUERY__NODE__NODE_VACUUM_STMT: return statement.vacuum_stmt->is_vacuumcmd != 0;
    case PG_QUERY__NODE__NODE_DISCARD_STMT: return statement.discard_stmt->target == PG_QUERY__DISCARD_MODE__DISCARD_ALL;
    default: return false;
  }
}

namespace {

bool opens_block(const PgQuery__Node& node) {
  if (node.node_case != PG_QUERY__NODE__NODE_TRANSACTION_STMT) return false;
  const PgQuery__TransactionStmtKind kind = node.transaction_stmt->kind;
  return kind == PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_BEGIN || kind == PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_START;
}

bool closes_block(const PgQuery__Node& node) {
  if (node.node_case != PG_QUERY__NODE__NODE_TRANSACTION_STMT) return false;
  const PgQuery__TransactionStmtKind kind = node.transaction_stmt->kind;
  return kind == PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_COMMIT ||
         kind == PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK ||
         kind == PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_PREPARE;
}

TransactionState runner_state(const std::vector<Statement>& statements, TransactionMode mode) {
  // What the runner sees: the top-level statements, not those a DO body runs.
  const auto top_level = static_cast<size_t>(
      std::count_if(statements.begin(), statements.end(), [](const Statement& s) { return !s.embedded; }));
  switch (mode) {
    case TransactionMode::wrapped:
    case TransactionMode::wrapped_each_statement: return TransactionState::inside;
    case TransactionMode::none: return TransactionState::outside;
    case TransactionMode::implicit_when_multi_statement:
      return top_level > 1 ? TransactionState::inside : TransactionState::outside;
    case TransactionMode::flyway_auto:
      // Flyway runs a migration without a transaction when it holds a statement it recognises as
      // unable to run in one (and refuses migrations that mix both kinds).
      return std::any_of(statements.begin(), statements.end(),
                         [](const Statement& s) { return !s.embedded && flyway_detects_non_transactional(*s.node); })
                 ? TransactionState::outside
                 : TransactionState::inside;
    case TransactionMode::unknown:
      return top_level > 1 ? TransactionState::unknown : TransactionState::outside;
  }
  return TransactionState::unknown;
}

}  // namespace

bool runner_wraps(const std::vector<Statement>& statements, TransactionMode mode) {
  return runner_state(statements, mode) == TransactionState::inside;
}

std::vector<TransactionState> transaction_states(const std::vector<Statement>& statements, TransactionMode mode) {
  const TransactionState runner = runner_state(statements, mode);
  const bool explicit_blocks = std::any_of(statements.begin(), statements.end(), [](const Statement& s) {
    return opens_block(*s.node) || closes_block(*s.node);
  });
  std::vector<TransactionState> states;
  states.reserve(statements.size());
  // With explicit BEGIN/COMMIT in an unknown runner, trust the SQL: outside its blocks the
  // statements run in autocommit.
  TransactionState between_blocks =
      runner == TransactionState::unknown && explicit_blocks ? TransactionState::outside : runner;
  bool in_block = false;
  for (const Statement& stmt : statements) {
    if (stmt.embedded) {
      // A DO block is one statement: what its body runs shares its transaction, the runner's
      // or, in autocommit, its own.
      const TransactionState enclosing = states.empty() ? between_blocks : states.back();
      states.push_back(enclosing == TransactionState::outside || enclosing == TransactionState::unknown
                           ? TransactionState::inside
                           : enclosing);
      continue;
    }
    if (opens_block(*stmt.node)) {
      in_block = true;
    }
    states.push_back(in_block ? TransactionState::inside_explicit_block : between_blocks);
    if (closes_block(*stmt.node)) {
      in_block = false;
      // The first COMMIT or ROLLBACK ends the runner's transaction too. A runner that sent the
      // script as one query has the rest of it run in an implicit transaction (or, Flyway's
      // driver, in a new one it opens); one that sends each statement on its own, in autocommit.
      if (mode == TransactionMode::wrapped_each_statement) between_blocks = TransactionState::outside;
    }
  }
  return states;
}

}  // namespace miglint
