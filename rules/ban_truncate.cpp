#include <fmt/format.h>

#include "linter/rule_registry.hpp"
#include "rules/ast_helpers.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "ban-truncate",
    .summary = "TRUNCATE of a table that holds data, under an ACCESS EXCLUSIVE lock",
    .default_severity = Severity::warning,
    .category = RuleCategory::compatibility,
};

class BanTruncate final : public Rule {
 public:
  explicit BanTruncate(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    if (stmt.node->node_case != PG_QUERY__NODE__NODE_TRUNCATE_STMT) return;
    const PgQuery__TruncateStmt& truncate = *stmt.node->truncate_stmt;
    if (truncate.behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE) return;  // ban-truncate-cascade says more
    for (const PgQuery__Node* node : items(truncate.relations, truncate.n_relations)) {
      if (node->node_case != PG_QUERY__NODE__NODE_RANGE_VAR) continue;
      const QualifiedName table = relation_name(node->range_var);
      if (!is_existing_table(ctx, table)) continue;
      ctx.report(diagnostic(stmt.range,
                            fmt::format("TRUNCATE deletes every row of `{}` for good and takes an ACCESS EXCLUSIVE lock "
                                        "that blocks all reads and writes until the migration commits",
                                        table.display()),
                            "If the rows are really disposable, suppress this finding with a reason; to remove rows "
                            "online, DELETE them in batches outside the migration."));
    }
  }
};

}  // namespace

void register_ban_truncate(RuleRegistry& registry) { registry.add<BanTruncate>(kInfo); }

}  // namespace miglint
