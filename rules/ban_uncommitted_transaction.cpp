#include <fmt/format.h>

#include "linter/rule_registry.hpp"
#include "rules/ast_helpers.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "ban-uncommitted-transaction",
    .summary = "BEGIN without a COMMIT: the migration seems to succeed but its changes are rolled back",
    .default_severity = Severity::error,
    .category = RuleCategory::correctness,
    .fix = FixAvailability::always,
};

class BanUncommittedTransaction final : public Rule {
 public:
  explicit BanUncommittedTransaction(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    if (stmt.node->node_case != PG_QUERY__NODE__NODE_TRANSACTION_STMT) return;
    const PgQuery__TransactionStmtKind kind = stmt.node->transaction_stmt->kind;
    if (kind != PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_BEGIN && kind != PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_START) {
      return;
    }
    // Is this block still open at the end of the script?
    const std::vector<Statement>& script = ctx.script_statements();
    for (const Statement& later : script) {
      if (later.range.begin <= stmt.range.begin || later.node->node_case != PG_QUERY__NODE__NODE_TRANSACTION_STMT) continue;
      const PgQuery__TransactionStmtKind next = later.node->transaction_stmt->kind;
      if (next == PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_COMMIT || next == PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK ||
          next == PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_PREPARE) {
        return;
      }
    }
    Diagnostic d = diagnostic(stmt.range,
                              "this BEGIN is never committed: when the runner disconnects, PostgreSQL rolls back "
                              "everything after it, while the runner records the migration as applied",
                              "Add `COMMIT;` at the end of the block, or remove the BEGIN.");
    // Unsafe: committing keeps changes that never took effect before; a person decides.
    const uint32_t end = script.back().range.end;
    d.fix = Fix{"Add COMMIT at the end", FixSafety::unsafe, {Edit{{end, end}, ";\nCOMMIT"}}};
    ctx.report(std::move(d));
  }
};

}  // namespace

void register_ban_uncommitted_transaction(RuleRegistry& registry) { registry.add<BanUncommittedTransaction>(kInfo); }

}  // namespace miglint
