#include <fmt/format.h>

#include "linter/rule_registry.hpp"
#include "rules/ast_helpers.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "renaming-table",
    .summary = "Renaming a table breaks running code that uses the old name",
    .default_severity = Severity::warning,
    .category = RuleCategory::compatibility,
};

class RenamingTable final : public Rule {
 public:
  explicit RenamingTable(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    if (stmt.node->node_case != PG_QUERY__NODE__NODE_RENAME_STMT) return;
    const PgQuery__RenameStmt& rename = *stmt.node->rename_stmt;
    if (rename.rename_type != PG_QUERY__OBJECT_TYPE__OBJECT_TABLE) return;
    const QualifiedName table = relation_name(rename.relation);
    if (!is_existing_table(ctx, table)) return;
    ctx.report(diagnostic(stmt.range,
                          fmt::format("renaming `{}` to `{}` breaks every running query that still names the old "
                                      "table; the rename waits for an ACCESS EXCLUSIVE lock",
                                      table.display(), rename.newname),
                          fmt::format("Rename and create a view with the old name for the old code "
                                      "(`CREATE VIEW {} AS SELECT * FROM {};`), then drop the view in a later release.",
                                      table.sql(), QualifiedName{table.schema, rename.newname}.sql())));
  }
};

}  // namespace

void register_renaming_table(RuleRegistry& registry) { registry.add<RenamingTable>(kInfo); }

}  // namespace miglint
