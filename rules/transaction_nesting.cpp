#include <fmt/format.h>

#include "linter/rule_registry.hpp"
#include "rules/ast_helpers.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "transaction-nesting",
    .summary = "BEGIN, COMMIT or ROLLBACK inside the transaction the runner already opened",
    .default_severity = Severity::error,
    .category = RuleCategory::correctness,
};

class TransactionNesting final : public Rule {
 public:
  explicit TransactionNesting(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    // A multi-statement query (golang-migrate, Prisma) runs in an implicit transaction only until
    // an explicit BEGIN/COMMIT takes over: PostgreSQL honours those, so they nest nothing.
    if (stmt.node->node_case != PG_QUERY__NODE__NODE_TRANSACTION_STMT ||
        ctx.transaction_mode() == TransactionMode::implicit_when_multi_statement ||
        !runner_wraps(ctx.script_statements(), ctx.transaction_mode())) {
      return;
    }
    const PgQuery__TransactionStmtKind kind = stmt.node->transaction_stmt->kind;
    const bool begins = kind == PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_BEGIN ||
                        kind == PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_START;
    const bool ends = kind == PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_COMMIT ||
                      kind == PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK;
    if (!begins && !ends) return;
    ctx.report(diagnostic(stmt.range,
                          begins ? fmt::format("{} already runs this migration in a transaction: BEGIN only prints a "
                                               "warning, and the COMMIT that follows ends the runner's transaction early",
                                               ctx.layout().runner)
                                 : fmt::format("{} runs this migration in a transaction: this ends it early, so the rest "
                                               "of the migration runs outside it and the runner's own COMMIT fails or warns",
                                               ctx.layout().runner),
                          fmt::format("Remove the BEGIN/COMMIT and let the runner manage the transaction; to run "
                                      "without one, {}.",
                                      ctx.layout().no_transaction)));
  }
};

}  // namespace

void register_transaction_nesting(RuleRegistry& registry) { registry.add<TransactionNesting>(kInfo); }

}  // namespace miglint
