#include <fmt/format.h>

#include "linter/rule_registry.hpp"
#include "rules/ast_helpers.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "ban-drop-default",
    .summary = "DROP DEFAULT breaks running code that inserts rows without the column",
    .default_severity = Severity::warning,
    .category = RuleCategory::compatibility,
};

class BanDropDefault final : public Rule {
 public:
  explicit BanDropDefault(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    for_each_command_on_existing_table(stmt, ctx, [&](const QualifiedName& table, const AlterCommand& command) {
      // ALTER COLUMN ... DROP DEFAULT is AT_ColumnDefault without an expression.
      if (command.cmd->subtype != PG_QUERY__ALTER_TABLE_TYPE__AT_ColumnDefault || command.cmd->def != nullptr) return;
      const std::string column = command.cmd->name;
      const CatalogColumn* known = ctx.catalog().column(table, column);
      if (known != nullptr && !known->has_default) return;  // no default to drop: nothing changes
      const bool not_null = known != nullptr && known->not_null;
      ctx.report(diagnostic(
          command.range,
          fmt::format("dropping the default of `{}.{}` changes what running code gets when it inserts without the "
                      "column: {}",
                      table.display(), column,
                      not_null ? "the column is NOT NULL, so those inserts now fail"
                               : "those rows now get NULL instead of the default"),
          fmt::format("Deploy code that always sets `{0}` first, then drop the default in a later migration "
                      "(`ALTER TABLE {1} ALTER COLUMN {2} DROP DEFAULT;`).",
                      column, table.sql(), quote_identifier(column))));
    });
  }
};

}  // namespace

void register_ban_drop_default(RuleRegistry& registry) { registry.add<BanDropDefault>(kInfo); }

}  // namespace miglint
