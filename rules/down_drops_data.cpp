#include <fmt/format.h>

#include "linter/rule_registry.hpp"
#include "rules/ast_helpers.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "down-drops-data",
    .summary = "A down migration that drops a table or column its up created: rolling back deletes the data written since",
    .default_severity = Severity::note,
    .category = RuleCategory::correctness,
    .checks_downs = true,
};

class DownDropsData final : public Rule {
 public:
  explicit DownDropsData(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    const Catalog* before_up = ctx.catalog_before_up();
    if (ctx.direction() != Direction::down || before_up == nullptr) return;
    if (stmt.node->node_case == PG_QUERY__NODE__NODE_DROP_STMT &&
        stmt.node->drop_stmt->remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_TABLE) {
      for (const QualifiedName& table : dropped_names(*stmt.node->drop_stmt)) {
        if (ctx.catalog().table(table) != nullptr && before_up->table(table) == nullptr) report_table(stmt, ctx, table);
      }
      return;
    }
    const PgQuery__AlterTableStmt* alter = as_alter_table(stmt);
    if (alter == nullptr) return;
    const QualifiedName table = relation_name(alter->relation);
    for (const AlterCommand& command : alter_commands(stmt, *alter)) {
      if (command.cmd->subtype != PG_QUERY__ALTER_TABLE_TYPE__AT_DropColumn) continue;
      const std::string column = command.cmd->name;
      if (ctx.catalog().column(table, column) != nullptr && before_up->column(table, column) == nullptr) {
        report_column(command.range, ctx, table, column);
      }
    }
  }

 private:
  void report_table(const Statement& stmt, const Context& ctx, const QualifiedName& table) const {
    ctx.report(diagnostic(stmt.range,
                          fmt::format("rolling back drops table `{}`, which its up created: every row written to it "
                                      "since the up ran is lost",
                                      table.display()),
                          "Expected for a rollback; before running this down in production, export the rows you "
                          "may need (or roll forward with a new migration instead)."));
  }

  void report_column(TextRange range, const Context& ctx, const QualifiedName& table, const std::string& column) const {
    ctx.report(diagnostic(range,
                          fmt::format("rolling back drops column `{}.{}`, which its up added: every value written "
                                      "to it since the up ran is lost",
                                      table.display(), column),
                          "Expected for a rollback; before running this down in production, copy the values you "
                          "may need (or roll forward with a new migration instead)."));
  }
};

}  // namespace

void register_down_drops_data(RuleRegistry& registry) { registry.add<DownDropsData>(kInfo); }

}  // namespace miglint
