#include <fmt/format.h>

#include "linter/rule_registry.hpp"
#include "rules/ast_helpers.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "renaming-column",
    .summary = "RENAME COLUMN breaks running code that uses the old name",
    .default_severity = Severity::warning,
    .category = RuleCategory::compatibility,
};

class RenamingColumn final : public Rule {
 public:
  explicit RenamingColumn(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    if (stmt.node->node_case != PG_QUERY__NODE__NODE_RENAME_STMT) return;
    const PgQuery__RenameStmt& rename = *stmt.node->rename_stmt;
    if (rename.rename_type != PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN || rename.relation_type != PG_QUERY__OBJECT_TYPE__OBJECT_TABLE) {
      return;
    }
    const QualifiedName table = relation_name(rename.relation);
    if (!is_existing_table(ctx, table)) return;
    ctx.report(diagnostic(
        stmt.range,
        fmt::format("renaming `{0}.{1}` to `{2}` breaks every running query that still names `{1}`; the rename itself "
                    "is instant but waits for an ACCESS EXCLUSIVE lock on `{0}`",
                    table.display(), rename.subname, rename.newname),
        fmt::format("Add `{1}` as a new column, write both, backfill, switch reads to `{1}`, then drop `{0}` in a later "
                    "release; or rename and keep a view with the old name for the old code.",
                    rename.subname, rename.newname)));
  }
};

}  // namespace

void register_renaming_column(RuleRegistry& registry) { registry.add<RenamingColumn>(kInfo); }

}  // namespace miglint
