#include <fmt/format.h>

#include "linter/rule_registry.hpp"
#include "rules/ast_helpers.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "ban-truncate-cascade",
    .summary = "TRUNCATE ... CASCADE empties every table that references these, too",
    .default_severity = Severity::error,
    .category = RuleCategory::compatibility,
};

class BanTruncateCascade final : public Rule {
 public:
  explicit BanTruncateCascade(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    if (stmt.node->node_case != PG_QUERY__NODE__NODE_TRUNCATE_STMT) return;
    const PgQuery__TruncateStmt& truncate = *stmt.node->truncate_stmt;
    if (truncate.behavior != PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE) return;
    ctx.report(diagnostic(stmt.range,
                          "TRUNCATE ... CASCADE also empties every table that references these through a foreign key, "
                          "recursively, including tables added later by other teams",
                          "Name every table to empty explicitly, without CASCADE, so the statement fails instead of "
                          "silently emptying a table nobody listed."));
  }
};

}  // namespace

void register_ban_truncate_cascade(RuleRegistry& registry) { registry.add<BanTruncateCascade>(kInfo); }

}  // namespace miglint
