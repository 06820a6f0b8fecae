#include <fmt/format.h>

#include "linter/rule_registry.hpp"
#include "rules/ast_helpers.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "ban-statement-after-access-exclusive",
    .summary = "A backfill in the same transaction after an ACCESS EXCLUSIVE lock keeps the table blocked",
    .default_severity = Severity::warning,
    .category = RuleCategory::locking,
};

// Data changes (a backfill) and refreshes: slow on a table with many rows, and reported by no
// other rule. Slow DDL (index builds, type changes, validations) has rules of its own.
bool is_slow(const Statement& stmt, const Context& /*ctx*/) {
  const PgQuery__Node& node = *stmt.node;
  switch (node.node_case) {
    case PG_QUERY__NODE__NODE_UPDATE_STMT:
    case PG_QUERY__NODE__NODE_DELETE_STMT:
    case PG_QUERY__NODE__NODE_REFRESH_MAT_VIEW_STMT: return true;
    case PG_QUERY__NODE__NODE_INSERT_STMT:
      return node.insert_stmt->select_stmt != nullptr && node.insert_stmt->select_stmt->node_case == PG_QUERY__NODE__NODE_SELECT_STMT &&
             node.insert_stmt->select_stmt->select_stmt->n_values_lists == 0;  // INSERT ... SELECT, not VALUES
    default: return false;
  }
}

bool in_transaction(TransactionState state) {
  return state == TransactionState::inside || state == TransactionState::inside_explicit_block;
}

class BanStatementAfterAccessExclusive final : public Rule {
 public:
  explicit BanStatementAfterAccessExclusive(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    if (!in_transaction(ctx.transaction_state()) || !is_slow(stmt, ctx)) return;
    // The latest earlier statement of the same transaction that took ACCESS EXCLUSIVE on a live
    // table; the first slow statement after it is the one reported.
    const std::vector<Statement>& script = ctx.script_statements();
    for (size_t i = ctx.statement_index(); i-- > 0;) {
      const Statement& earlier = script[i];
      if (earlier.node->node_case == PG_QUERY__NODE__NODE_TRANSACTION_STMT) return;  // another transaction
      // A DO block in autocommit is a transaction of its own: what ran before it committed.
      if (stmt.embedded && !earlier.embedded && earlier.range.end >= stmt.range.end &&
          ctx.transaction_state_at(i) == TransactionState::outside) {
        return;
      }
      if (!stmt.embedded && earlier.embedded && ctx.transaction_state() == TransactionState::outside) return;
      if (is_slow(earlier, ctx)) return;  // reported there, or by its own lock
      const std::optional<std::string> lock = blocking_lock(earlier, ctx);
      if (!lock || lock->find("ACCESS EXCLUSIVE") == std::string::npos) continue;
      const SourceFile& file = ctx.file();
      ctx.report(diagnostic(stmt.range,
                            fmt::format("this runs in the same transaction after line {} took an {}: that lock is held "
                                        "until COMMIT, so every query on the table stays blocked for as long as this "
                                        "statement takes",
                                        file.position(earlier.range.begin).line, *lock),
                            "Move the slow statement into a migration (or transaction) of its own, before the lock or "
                            "after the COMMIT."));
      return;
    }
  }
};

}  // namespace

void register_ban_statement_after_access_exclusive(RuleRegistry& registry) { registry.add<BanStatementAfterAccessExclusive>(kInfo); }

}  // namespace miglint
