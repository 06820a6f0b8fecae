#include <fmt/format.h>

#include "linter/rule_registry.hpp"
#include "rules/ast_helpers.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "ban-add-enum-value-in-transaction",
    .summary = "ALTER TYPE ... ADD VALUE inside a transaction block fails before PostgreSQL 12",
    .default_severity = Severity::error,
    .category = RuleCategory::correctness,
    .predicts_failure = true,
};

class BanAddEnumValueInTransaction final : public Rule {
 public:
  explicit BanAddEnumValueInTransaction(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    if (stmt.node->node_case != PG_QUERY__NODE__NODE_ALTER_ENUM_STMT || ctx.pg_version() >= 12) return;
    const PgQuery__AlterEnumStmt& alter = *stmt.node->alter_enum_stmt;
    if (*alter.old_val != '\0') return;  // RENAME VALUE works anywhere
    const TransactionState state = ctx.transaction_state();
    if (state != TransactionState::inside && state != TransactionState::inside_explicit_block) return;
    ctx.report(diagnostic(stmt.range,
                          fmt::format("before PostgreSQL 12, ALTER TYPE ... ADD VALUE cannot run inside a transaction "
                                      "block, and {} runs this statement in one: the migration fails",
                                      state == TransactionState::inside_explicit_block ? std::string("the BEGIN before it opens one")
                                                                                      : std::string(ctx.layout().runner)),
                          fmt::format("Put it in a migration of its own that runs outside a transaction: {}.",
                                      ctx.layout().no_transaction)));
  }
};

}  // namespace

void register_ban_add_enum_value_in_transaction(RuleRegistry& registry) { registry.add<BanAddEnumValueInTransaction>(kInfo); }

}  // namespace miglint
