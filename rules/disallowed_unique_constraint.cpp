#include <fmt/format.h>

#include "linter/rule_registry.hpp"
#include "rules/ast_helpers.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "disallowed-unique-constraint",
    .summary = "ADD UNIQUE builds its index under an ACCESS EXCLUSIVE lock",
    .default_severity = Severity::error,
    .category = RuleCategory::locking,
};

class DisallowedUniqueConstraint final : public Rule {
 public:
  explicit DisallowedUniqueConstraint(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    for_each_command_on_existing_table(stmt, ctx, [&](const QualifiedName& table, const AlterCommand& command) {
      const PgQuery__Constraint* constraint = added_constraint(*command.cmd);
      if (constraint == nullptr || constraint->contype != PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE || *constraint->indexname != '\0') {
        return;
      }
      const std::vector<std::string> columns = string_list(items(constraint->keys, constraint->n_keys));
      const std::string name = *constraint->conname != '\0' ? std::string(constraint->conname)
                                                            : generated_name(table.name, columns, "key");
      ctx.report(diagnostic(
          command.range,
          fmt::format("adding UNIQUE constraint `{}` builds its index while holding an ACCESS EXCLUSIVE lock on `{}`: "
                      "all reads and writes wait for the whole build",
                      name, table.display()),
          fmt::format("Build the index first, online: `CREATE UNIQUE INDEX CONCURRENTLY {0} ON {1} {2};`, then attach "
                      "it: `ALTER TABLE {1} ADD CONSTRAINT {0} UNIQUE USING INDEX {0};` (instant).",
                      quote_identifier(name), table.sql(), column_list_sql(columns))));
    });
  }
};

}  // namespace

void register_disallowed_unique_constraint(RuleRegistry& registry) { registry.add<DisallowedUniqueConstraint>(kInfo); }

}  // namespace miglint
