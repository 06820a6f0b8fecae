#include <fmt/format.h>

#include "linter/rule_registry.hpp"
#include "rules/ast_helpers.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "ban-drop-table",
    .summary = "DROP TABLE of a table that holds data: the rows are gone and running code breaks",
    .default_severity = Severity::warning,
    .category = RuleCategory::compatibility,
};

class BanDropTable final : public Rule {
 public:
  explicit BanDropTable(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    if (stmt.node->node_case != PG_QUERY__NODE__NODE_DROP_STMT) return;
    const PgQuery__DropStmt& drop = *stmt.node->drop_stmt;
    if (drop.remove_type != PG_QUERY__OBJECT_TYPE__OBJECT_TABLE) return;
    for (const QualifiedName& table : dropped_names(drop)) {
      if (!is_existing_table(ctx, table)) continue;
      ctx.report(diagnostic(
          stmt.range,
          fmt::format("dropping table `{0}` deletes its rows for good and breaks every running query that still uses "
                      "`{0}`; the DROP also waits for an ACCESS EXCLUSIVE lock on it",
                      table.display()),
          fmt::format("Stop using `{0}` first: deploy code that neither reads nor writes it, then drop it in a later "
                      "migration (`DROP TABLE {1};`) and suppress this finding there with a reason. Keep a backup if "
                      "the data may be needed again.",
                      table.display(), table.sql())));
    }
  }
};

}  // namespace

void register_ban_drop_table(RuleRegistry& registry) { registry.add<BanDropTable>(kInfo); }

}  // namespace miglint
