#include "validator/executor.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "linter/pg_node.hpp"
#include "linter/transactions.hpp"
#include "validator/pq.hpp"

namespace miglint::validate {

namespace {

ScriptFailure failure_at(uint32_t offset, const ServerError& error) {
  // No SQLSTATE: the connection was lost (a migration that ends its own session, say).
  if (error.sqlstate().empty()) return {offset, error.what(), error.table()};
  return {offset, fmt::format("{} (SQLSTATE {})", error.what(), error.sqlstate()), error.table()};
}

void rollback_if_open(PGconn* conn) {
  if (PQtransactionStatus(conn) != PQTRANS_IDLE) PQclear(PQexec(conn, "ROLLBACK"));
}

bool is_partitioned(PGconn* conn, const QualifiedName& name) {
  const std::string qualified = quote_identifier(conn, name.schema) + "." + quote_identifier(conn, name.name);
  const auto found = rows(conn, "SELECT relkind FROM pg_class WHERE oid = to_regclass(" + quote_literal(conn, qualified) + ")");
  return !found.empty() && (found[0][0] == "p" || found[0][0] == "I");
}

// Whether one statement behaves the same inside the check's transaction (after the rewriting of
// Nesting::inside_check) as it does in the real run.
bool nests(PGconn* conn, const PgQuery__Node& node) {
  switch (node.node_case) {
    case PG_QUERY__NODE__NODE_INDEX_STMT:
      return node.index_stmt->concurrent == 0 || !is_partitioned(conn, relation_name(node.index_stmt->relation));
    case PG_QUERY__NODE__NODE_DROP_STMT: {
      const PgQuery__DropStmt& drop = *node.drop_stmt;
      if (drop.concurrent == 0) return true;
      if (drop.n_objects != 1 || drop.behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE ||
          drop.objects[0]->node_case != PG_QUERY__NODE__NODE_LIST) {
        return false;
      }
      const std::vector<std::string> parts = string_list(items(drop.objects[0]->list->items, drop.objects[0]->list->n_items));
      return !parts.empty() && !is_partitioned(conn, {parts.size() > 1 ? parts[parts.size() - 2] : "public", parts.back()});
    }
    case PG_QUERY__NODE__NODE_TRANSACTION_STMT:
      switch (node.transaction_stmt->kind) {
        case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_BEGIN:
        case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_START:
        case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_COMMIT:
        case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK:
          return !node.transaction_stmt->chain;
        case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_SAVEPOINT:
        case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_RELEASE:
        case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK_TO:
          return true;
        default: return false;
      }
    default: return !cannot_run_in_transaction(node);
  }
}

// Whether the script's own BEGINs and COMMITs/ROLLBACKs pair up, one block at a time, as the
// savepoints that stand for them in the check's transaction must (a COMMIT that ends the runner's
// transaction, or a BEGIN inside a block, has no savepoint to match).
bool blocks_balance(const std::vector<Statement>& statements) {
  bool in_block = false;
  for (const Statement& stmt : statements) {
    if (stmt.node->node_case != PG_QUERY__NODE__NODE_TRANSACTION_STMT) continue;
    switch (stmt.node->transaction_stmt->kind) {
      case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_BEGIN:
      case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_START:
        if (in_block) return false;
        in_block = true;
        break;
      case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_COMMIT:
      case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK:
        if (!in_block) return false;
        in_block = false;
        break;
      default: break;
    }
  }
  return !in_block;
}

// The statement as the check's transaction runs it (see Nesting::inside_check).
std::string nested_text(const SourceFile& file, const Statement& stmt) {
  if (stmt.node->node_case == PG_QUERY__NODE__NODE_TRANSACTION_STMT) {
    switch (stmt.node->transaction_stmt->kind) {
      case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_BEGIN:
      case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_START: return "SAVEPOINT miglint_script_block";
      case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_COMMIT: return "RELEASE SAVEPOINT miglint_script_block";
      case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK:
        return "ROLLBACK TO SAVEPOINT miglint_script_block; RELEASE SAVEPOINT miglint_script_block";
      default: break;
    }
  }
  std::string text(file.slice(stmt.range));
  for (const Token& token : stmt.tokens) {
    if (token.kind == PG_QUERY__TOKEN__CONCURRENTLY) {
      text.replace(token.range.begin - stmt.range.begin, token.range.end - token.range.begin,
                   token.range.end - token.range.begin, ' ');
    }
  }
  return text;
}

// The statement's first line, for reports.
std::string first_line_of(std::string_view text) {
  const size_t end = text.find('\n');
  return std::string(text.substr(0, end)) + (end == std::string_view::npos ? "" : " ...");
}

// The statement's time with `tables` emptied: in a savepoint that is rolled back, so nothing it
// does (the TRUNCATE, the statement, their locks and new files) stays. Nothing when it fails.
std::optional<double> seconds_on_empty_tables(PGconn* conn, const std::string& sql, const std::vector<std::string>& tables) {
  exec(conn, "SAVEPOINT miglint_empty_tables");
  std::optional<double> seconds;
  try {
    exec(conn, "TRUNCATE " + join(tables) + " CASCADE");
    const auto start = std::chrono::steady_clock::now();
    exec(conn, sql);
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  } catch (const ServerError&) {
    // (pending trigger events, a statement that needs the rows): no fixed cost, the estimate
    // stays an upper bound.
  }
  exec(conn, "ROLLBACK TO SAVEPOINT miglint_empty_tables; RELEASE SAVEPOINT miglint_empty_tables");
  return seconds;
}

// DEALLOCATE and DISCARD ALL remove prepared statements, the tracer's too (exec_prepared).
bool drops_prepared_statements(const PgQuery__Node& node) {
  return node.node_case == PG_QUERY__NODE__NODE_DEALLOCATE_STMT || node.node_case == PG_QUERY__NODE__NODE_DISCARD_STMT;
}

// Runs one statement and measures it. One the runner sends outside a transaction runs in a
// transaction of its own here, so that pg_locks and the transaction's counters can be read
// before it ends; one that cannot run in a transaction block is measured for rewrites only.
// With `time_empty`, the statement first runs once on its tables emptied (see
// seconds_on_empty_tables()).
StatementTrace traced_exec(PGconn* conn, Tracer& tracer, const std::string& sql, const SourceFile& file,
                           const Statement& stmt, bool time_empty) {
  const bool in_transaction = PQtransactionStatus(conn) == PQTRANS_INTRANS;
  const bool own_transaction = !in_transaction && !cannot_run_in_transaction(*stmt.node);
  if (own_transaction) exec(conn, "BEGIN");
  tracer.before(conn, in_transaction || own_transaction);
  std::optional<double> on_empty;
  if (time_empty && (in_transaction || own_transaction)) {
    if (const std::vector<std::string> tables = tracer.named_tables(sql); !tables.empty()) {
      on_empty = seconds_on_empty_tables(conn, sql, tables);
      tracer.forget();
      tracer.before(conn, true);
    }
  }
  const auto start = std::chrono::steady_clock::now();
  exec(conn, sql);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (drops_prepared_statements(*stmt.node)) reread_prepared(conn);  // before the tracer uses its own
  StatementTrace trace = tracer.after(conn, sql, seconds);
  trace.seconds_on_empty_tables = on_empty.value_or(-1);
  account_for_statement_kind(trace, *stmt.node);
  if (own_transaction) {
    exec(conn, "COMMIT");
    tracer.committed();
  }
  trace.range = stmt.range;
  trace.line = file.position(stmt.range.begin).line;
  trace.statement = first_line_of(file.slice(stmt.range));
  return trace;
}

// `CREATE EXTENSION vector` or `DROP EXTENSION vector` of an extension stood in for: its stand-in.
const ExtensionStandIn* stubbed_extension(const PgQuery__Node& node, const ExtensionStubs& stubs, bool* create) {
  std::vector<std::string> names;
  if (node.node_case == PG_QUERY__NODE__NODE_CREATE_EXTENSION_STMT) {
    names.emplace_back(node.create_extension_stmt->extname);
    *create = true;
  } else if (node.node_case == PG_QUERY__NODE__NODE_DROP_STMT &&
             node.drop_stmt->remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_EXTENSION) {
    for (const PgQuery__Node* object : items(node.drop_stmt->objects, node.drop_stmt->n_objects)) {
      names.emplace_back(string_value(object));
    }
    *create = false;
  }
  for (const ExtensionStandIn* stand_in : stubs.stand_ins) {
    if (std::find(names.begin(), names.end(), stand_in->name) != names.end()) return stand_in;
  }
  return nullptr;
}

// The stubbed extension an error shows a statement needs, if any.
const ExtensionStandIn* needed_extension(const ServerError& error, const ExtensionStubs& stubs) {
  const std::string message = error.what();
  for (const ExtensionStandIn* stand_in : stubs.stand_ins) {
    for (const std::string_view word : stand_in->needs) {
      if (message.find(word) != std::string::npos) return stand_in;
    }
  }
  return nullptr;
}

// Runs a statement that may need a stubbed extension: when it fails for that reason, it is undone
// (to a savepoint inside a transaction) and skipped. True when it ran.
bool exec_or_skip(PGconn* conn, const std::string& sql, const SourceFile& file, const Statement& stmt,
                  ExtensionStubs& stubs) {
  const bool in_transaction = PQtransactionStatus(conn) == PQTRANS_INTRANS;
  if (in_transaction) exec(conn, "SAVEPOINT miglint_stub");
  try {
    exec(conn, sql);
    if (in_transaction) exec(conn, "RELEASE SAVEPOINT miglint_stub");
    return true;
  } catch (const ServerError& error) {
    const ExtensionStandIn* needed = needed_extension(error, stubs);
    if (needed == nullptr) throw;
    if (in_transaction) exec(conn, "ROLLBACK TO SAVEPOINT miglint_stub; RELEASE SAVEPOINT miglint_stub");
    stubs.events.push_back({&file, stmt.range.begin,
                            fmt::format("skipped: it needs the real extension `{}`, which --stub-extension only stands in "
                                        "for ({}); its effect on the schema, its locks and its down are not validated",
                                        needed->name, error.what())});
    return false;
  }
}

// Sends each statement on its own, so an error maps back to its position in the file.
// `reopens[i]`: statement i is in the runner's implicit transaction, which a BEGIN opens again
// when an explicit COMMIT or ROLLBACK before it ended the last one.
std::optional<ScriptFailure> run_statements(PGconn* conn, const SourceFile& file, const std::vector<Statement>& statements,
                                            Nesting nesting, std::vector<StatementTrace>* trace, ExtensionStubs* stubs,
                                            bool time_empty, const std::vector<bool>& reopens = {}) {
  Tracer tracer;
  for (size_t i = 0; i < statements.size(); ++i) {
    const Statement& stmt = statements[i];
    const std::string_view text = file.slice(stmt.range);
    try {
      if (i < reopens.size() && reopens[i] && PQtransactionStatus(conn) == PQTRANS_IDLE) {
        exec(conn, "BEGIN");
        tracer.forget();
      }
      const std::string sql = nesting == Nesting::inside_check ? nested_text(file, stmt) : std::string(text);
      bool create = false;
      if (const ExtensionStandIn* stand_in = stubs != nullptr ? stubbed_extension(*stmt.node, *stubs, &create) : nullptr) {
        // The stand-in was created with the database (its types need a superuser); installing or
        // removing the extension does nothing here.
        if (create) {
          stubs->events.push_back({&file, stmt.range.begin,
                                   fmt::format("--stub-extension {0}: this did not install {0}; validation uses a stand-in: "
                                               "{1}. Statements that need the real extension are skipped.",
                                               stand_in->name, stand_in->creates)});
        }
        continue;
      }
      if (stubs != nullptr && !stubs->stand_ins.empty() && stmt.node->node_case != PG_QUERY__NODE__NODE_TRANSACTION_STMT) {
        exec_or_skip(conn, sql, file, stmt, *stubs);
        tracer.forget();
        if (drops_prepared_statements(*stmt.node)) reread_prepared(conn);
      } else if (trace != nullptr && stmt.node->node_case != PG_QUERY__NODE__NODE_TRANSACTION_STMT) {
        trace->push_back(traced_exec(conn, tracer, sql, file, stmt, time_empty));
      } else {
        exec(conn, sql);
        if (drops_prepared_statements(*stmt.node)) reread_prepared(conn);
        tracer.forget();
      }
    } catch (const ServerError& error) {
      const uint32_t inside = error.position() ? char_position_to_offset(text, *error.position()) : 0;
      return failure_at(stmt.range.begin + inside, error);
    }
  }
  return std::nullopt;
}

}  // namespace

bool checkable_in_transaction(PGconn* conn, const ParsedFile& parsed, TransactionMode mode) {
  const std::vector<Statement>& statements = parsed.statements();
  if (!std::all_of(statements.begin(), statements.end(), [&](const Statement& s) { return nests(conn, *s.node); }) ||
      !blocks_balance(statements)) {
    return false;
  }
  const std::vector<TransactionState> states = transaction_states(statements, mode);
  const bool wrapped = std::all_of(states.begin(), states.end(), [](TransactionState s) {
    return s == TransactionState::inside || s == TransactionState::inside_explicit_block;
  });
  return wrapped || std::none_of(statements.begin(), statements.end(), [](const Statement& s) {
           return s.node->node_case == PG_QUERY__NODE__NODE_ALTER_ENUM_STMT;
         });
}

size_t resume_point(const ParsedFile& parsed, TransactionMode mode, uint32_t failure_offset) {
  const std::vector<Statement>& statements = parsed.statements();
  const std::vector<TransactionState> states = transaction_states(statements, mode);
  size_t failed = 0;
  while (failed + 1 < statements.size() && statements[failed + 1].range.begin <= failure_offset) ++failed;
  if (statements.empty() || states[failed] == TransactionState::outside || states[failed] == TransactionState::unknown) {
    return failed;  // autocommit: only the failing statement was undone
  }
  size_t first = failed;  // back to the start of the transaction that was rolled back
  while (first > 0 && states[first - 1] == states[failed]) --first;
  return states[failed] == TransactionState::inside_explicit_block && first > 0 ? first - 1 : first;  // and its BEGIN
}

std::optional<ScriptFailure> apply_script(PGconn* conn, const SourceFile& file, const ParsedFile& parsed,
                                          TransactionMode mode, Nesting nesting, std::vector<StatementTrace>* trace,
                                          size_t first, ExtensionStubs* stubs, bool time_empty) {
  const std::vector<Statement> statements(parsed.statements().begin() + static_cast<std::ptrdiff_t>(
                                              std::min(first, parsed.statements().size())),
                                          parsed.statements().end());
  if (nesting != Nesting::top_level) {
    return run_statements(conn, file, statements, nesting, trace, stubs, time_empty);  // the caller's transaction stands for the runner's
  }
  const std::vector<TransactionState> states = transaction_states(statements, mode);
  // The runner's own transaction: opened before the first statement it covers, committed after
  // the last one. Explicit BEGIN/COMMIT in the script are sent as written.
  const bool runner_transaction =
      std::any_of(states.begin(), states.end(), [](TransactionState s) { return s == TransactionState::inside; });
  // A statement the runner runs in a transaction after the script's own COMMIT ended the first
  // one runs in a new one (see transaction_states()): a runner that sends the file as one query
  // (golang-migrate, Prisma, dbmate, diesel) has PostgreSQL run the rest of that query in an
  // implicit transaction, where DISCARD ALL or CONCURRENTLY fail.
  std::vector<bool> reopens;
  for (const TransactionState state : states) reopens.push_back(state == TransactionState::inside);
  const uint32_t last = statements.empty() ? 0 : statements.back().range.begin;
  try {
    if (runner_transaction) exec(conn, "BEGIN");
    if (std::optional<ScriptFailure> failure =
            run_statements(conn, file, statements, nesting, trace, stubs, time_empty, reopens)) {
      rollback_if_open(conn);
      return failure;
    }
    if (runner_transaction) exec(conn, "COMMIT");
  } catch (const ServerError& error) {
    rollback_if_open(conn);
    return failure_at(last, error);
  }
  if (PQtransactionStatus(conn) != PQTRANS_IDLE) {
    // A script that leaves its own BEGIN open: the runner would roll it back at disconnect.
    rollback_if_open(conn);
    return ScriptFailure{last, "the script leaves a transaction open (BEGIN without COMMIT): its changes are rolled back"};
  }
  return std::nullopt;
}

}  // namespace miglint::validate
