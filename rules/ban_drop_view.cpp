#include <fmt/format.h>

#include "linter/rule_registry.hpp"
#include "rules/ast_helpers.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "ban-drop-view",
    .summary = "DROP VIEW breaks running code that still uses the view",
    .default_severity = Severity::warning,
    .category = RuleCategory::compatibility,
};

class BanDropView final : public Rule {
 public:
  explicit BanDropView(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    if (stmt.node->node_case != PG_QUERY__NODE__NODE_DROP_STMT) return;
    const PgQuery__DropStmt& drop = *stmt.node->drop_stmt;
    if (drop.remove_type != PG_QUERY__OBJECT_TYPE__OBJECT_VIEW) return;
    for (const QualifiedName& name : dropped_names(drop)) {
      const CatalogObject* created = ctx.catalog().object("view", name);
      if ((created != nullptr && created->created_in == ctx.migration()) || recreated_later(stmt, ctx, name)) {
        continue;  // created in this migration, or dropped to be created again
      }
      ctx.report(diagnostic(stmt.range,
                            fmt::format("dropping view `{}` breaks every running query and object that still uses "
                                        "it{}",
                                        name.display(),
                                        drop.behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE
                                            ? ", and CASCADE silently drops what depends on it"
                                            : ""),
                            "Stop using it first (deploy the code that no longer needs it), then drop it in a later "
                            "migration and suppress this finding there with a reason."));
    }
  }
};

}  // namespace

void register_ban_drop_view(RuleRegistry& registry) { registry.add<BanDropView>(kInfo); }

}  // namespace miglint
