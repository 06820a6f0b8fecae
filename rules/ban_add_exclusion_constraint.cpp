#include <fmt/format.h>

#include "linter/rule_registry.hpp"
#include "rules/ast_helpers.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "ban-add-exclusion-constraint",
    .summary = "ADD EXCLUDE builds its index under ACCESS EXCLUSIVE, with no online alternative",
    .default_severity = Severity::warning,
    .category = RuleCategory::locking,
};

class BanAddExclusionConstraint final : public Rule {
 public:
  explicit BanAddExclusionConstraint(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    for_each_command_on_existing_table(stmt, ctx, [&](const QualifiedName& table, const AlterCommand& command) {
      const PgQuery__Constraint* constraint = added_constraint(*command.cmd);
      if (constraint == nullptr || constraint->contype != PG_QUERY__CONSTR_TYPE__CONSTR_EXCLUSION) return;
      ctx.report(diagnostic(command.range,
                            fmt::format("adding an EXCLUDE constraint to `{}` builds its index and checks every row while "
                                        "holding an ACCESS EXCLUSIVE lock, and it cannot be added NOT VALID",
                                        table.display()),
                            "There is no online way: run it with a short lock_timeout and retries when the table is "
                            "small, or build a new table with the constraint and copy the rows over."));
    });
  }
};

}  // namespace

void register_ban_add_exclusion_constraint(RuleRegistry& registry) { registry.add<BanAddExclusionConstraint>(kInfo); }

}  // namespace miglint
