#include <fmt/format.h>

#include <algorithm>
#include <string>

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

// Where the statements after a COMMIT that ended the runner's transaction run: a runner that
// sends each statement on its own runs them in autocommit; the rest of a query sent whole runs in
// an implicit transaction, and a driver that keeps autocommit off opens a new one.
std::string_view after_the_end(TransactionMode mode) {
  return mode == TransactionMode::wrapped_each_statement ? "in autocommit" : "in a transaction of its own";
}

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
                                 : ends_early_message(stmt, ctx),
                          fmt::format("Remove the BEGIN/COMMIT and let the runner manage the transaction; to run "
                                      "without one, {}.",
                                      ctx.layout().no_transaction)));
  }

 private:
  // For a COMMIT or ROLLBACK: where the rest runs, and what the runner does at its own COMMIT.
  static std::string ends_early_message(const Statement& stmt, const Context& ctx) {
    const std::vector<Statement>& statements = ctx.script_statements();
    const bool rest = std::any_of(statements.begin(), statements.end(), [&](const Statement& s) {
      return !s.embedded && s.range.begin > stmt.range.begin;
    });
    const std::string_view at_its_commit = ctx.layout().ended_transaction.empty()
                                               ? std::string_view("the runner's own COMMIT finds no transaction")
                                               : ctx.layout().ended_transaction;
    return fmt::format("{} runs this migration in a transaction: this ends it early{}, and {}", ctx.layout().runner,
                       rest ? fmt::format(", so the rest of the migration runs {} (a failure there leaves the migration "
                                          "half applied)",
                                          after_the_end(ctx.transaction_mode()))
                            : "",
                       at_its_commit);
  }
};

}  // namespace

void register_transaction_nesting(RuleRegistry& registry) { registry.add<TransactionNesting>(kInfo); }

}  // namespace miglint
