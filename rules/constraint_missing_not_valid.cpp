#include <fmt/format.h>

#include "linter/rule_registry.hpp"
#include "rules/ast_helpers.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "constraint-missing-not-valid",
    .summary = "ADD CHECK without NOT VALID scans the table under ACCESS EXCLUSIVE; NOT VALID then VALIDATE in one transaction",
    .default_severity = Severity::error,
    .category = RuleCategory::locking,
    .fix = FixAvailability::always,
};

// The statements of the script before `stmt` that run in the same transaction as it (the
// runner's, or an explicit BEGIN block), newest first.
bool added_not_valid_in_same_transaction(const Statement& stmt, const Context& ctx, const QualifiedName& table,
                                         const std::string& constraint) {
  const std::vector<Statement>& script = ctx.script_statements();
  for (auto it = script.rbegin(); it != script.rend(); ++it) {
    if (it->range.begin >= stmt.range.begin) continue;
    if (it->node->node_case == PG_QUERY__NODE__NODE_TRANSACTION_STMT) return false;  // a boundary
    const PgQuery__AlterTableStmt* alter = as_alter_table(*it);
    if (alter == nullptr || relation_name(alter->relation).key() != table.key()) continue;
    for (const AlterCommand& command : alter_commands(*it, *alter)) {
      const PgQuery__Constraint* added = added_constraint(*command.cmd);
      if (added != nullptr && added->skip_validation && constraint == added->conname) return true;
    }
  }
  return false;
}

class ConstraintMissingNotValid final : public Rule {
 public:
  explicit ConstraintMissingNotValid(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    for_each_command_on_existing_table(stmt, ctx, [&](const QualifiedName& table, const AlterCommand& command) {
      if (command.cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_ValidateConstraint) {
        const bool in_transaction = ctx.transaction_state() == TransactionState::inside ||
                                    ctx.transaction_state() == TransactionState::inside_explicit_block;
        if (in_transaction && added_not_valid_in_same_transaction(stmt, ctx, table, command.cmd->name)) {
          ctx.report(diagnostic(command.range,
                                fmt::format("`{}` is validated in the same transaction that added it NOT VALID: the "
                                            "ADD's lock on `{}` is still held during the whole validation scan",
                                            command.cmd->name, table.display()),
                                "Validate in a separate migration (or after a COMMIT), where VALIDATE CONSTRAINT needs "
                                "only a SHARE UPDATE EXCLUSIVE lock."));
        }
        return;
      }
      const PgQuery__Constraint* constraint = added_constraint(*command.cmd);
      if (constraint == nullptr || constraint->contype != PG_QUERY__CONSTR_TYPE__CONSTR_CHECK || constraint->skip_validation) {
        return;
      }
      const std::string name = *constraint->conname != '\0' ? std::string(constraint->conname) : table.name + "_check";
      Diagnostic d = diagnostic(
          command.range,
          fmt::format("adding CHECK constraint `{}` scans every row of `{}` while holding an ACCESS EXCLUSIVE lock: "
                      "all reads and writes wait for the scan",
                      name, table.display()),
          fmt::format("Add it NOT VALID (instant, new rows are checked), then validate in a separate migration: "
                      "`ALTER TABLE {0} VALIDATE CONSTRAINT {1};` (SHARE UPDATE EXCLUSIVE: reads and writes go on).",
                      table.sql(), quote_identifier(name)));
      // Unsafe: until it is validated, the constraint does not hold for the existing rows.
      d.fix = Fix{"Add NOT VALID", FixSafety::unsafe, {Edit{{command.range.end, command.range.end}, " NOT VALID"}}};
      ctx.report(with_effect(PredictedEffect::Kind::scan, table, std::move(d)));
    });
  }
};

}  // namespace

void register_constraint_missing_not_valid(RuleRegistry& registry) { registry.add<ConstraintMissingNotValid>(kInfo); }

}  // namespace miglint
