#include <fmt/format.h>

#include "linter/rule_registry.hpp"
#include "rules/ast_helpers.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "prefer-robust-stmts",
    .summary = "Outside a transaction, a statement without IF [NOT] EXISTS makes a half-applied migration impossible to re-run",
    .default_severity = Severity::note,
    .category = RuleCategory::correctness,
    .opt_in = true,
};

// What keeps the statement from running twice, or nothing when it is already re-runnable.
std::optional<std::string> missing_guard(const Statement& stmt) {
  const PgQuery__Node& node = *stmt.node;
  switch (node.node_case) {
    case PG_QUERY__NODE__NODE_CREATE_STMT:
      if (!node.create_stmt->if_not_exists) return "CREATE TABLE without IF NOT EXISTS";
      return std::nullopt;
    case PG_QUERY__NODE__NODE_INDEX_STMT:
      if (!node.index_stmt->if_not_exists) return "CREATE INDEX without IF NOT EXISTS";
      return std::nullopt;
    case PG_QUERY__NODE__NODE_DROP_STMT:
      if (!node.drop_stmt->missing_ok) return "DROP without IF EXISTS";
      return std::nullopt;
    default: break;
  }
  if (const PgQuery__AlterTableStmt* alter = as_alter_table(stmt)) {
    for (const AlterCommand& command : alter_commands(stmt, *alter)) {
      if (command.cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumn && !command.cmd->missing_ok) {
        return "ADD COLUMN without IF NOT EXISTS";
      }
      if ((command.cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_DropColumn ||
           command.cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_DropConstraint) && !command.cmd->missing_ok) {
        return "DROP without IF EXISTS";
      }
    }
  }
  return std::nullopt;
}

class PreferRobustStmts final : public Rule {
 public:
  explicit PreferRobustStmts(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    if (ctx.transaction_state() != TransactionState::outside || ctx.script_statements().size() < 2) return;
    const std::optional<std::string> guard = missing_guard(stmt);
    if (!guard) return;
    ctx.report(diagnostic(stmt.range,
                          fmt::format("{} in a migration that runs outside a transaction: if a later statement fails, "
                                      "this one stays applied and re-running the migration fails here",
                                      *guard),
                          "Add IF NOT EXISTS / IF EXISTS. For CREATE INDEX CONCURRENTLY, first drop an invalid index a "
                          "failed attempt may have left: IF NOT EXISTS would keep it."));
  }
};

}  // namespace

void register_prefer_robust_stmts(RuleRegistry& registry) { registry.add<PreferRobustStmts>(kInfo); }

}  // namespace miglint
