#include <fmt/format.h>

#include "linter/rule_registry.hpp"
#include "rules/ast_helpers.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "require-concurrent-refresh",
    .summary = "REFRESH MATERIALIZED VIEW without CONCURRENTLY blocks every read of the view",
    .default_severity = Severity::warning,
    .category = RuleCategory::locking,
};

class RequireConcurrentRefresh final : public Rule {
 public:
  explicit RequireConcurrentRefresh(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    if (stmt.node->node_case != PG_QUERY__NODE__NODE_REFRESH_MAT_VIEW_STMT) return;
    const PgQuery__RefreshMatViewStmt& refresh = *stmt.node->refresh_mat_view_stmt;
    if (refresh.concurrent || refresh.skip_data) return;
    const QualifiedName view = relation_name(refresh.relation);
    if (!is_existing_table(ctx, view)) return;
    ctx.report(diagnostic(stmt.range,
                          fmt::format("refreshing `{}` without CONCURRENTLY rewrites it under an ACCESS EXCLUSIVE lock: "
                                      "every read of the view waits until the refresh is done",
                                      view.display()),
                          fmt::format("Use `REFRESH MATERIALIZED VIEW CONCURRENTLY {};` (it needs a unique index on the "
                                      "view), outside the migration's transaction if it is slow.",
                                      view.sql())));
  }
};

}  // namespace

void register_require_concurrent_refresh(RuleRegistry& registry) { registry.add<RequireConcurrentRefresh>(kInfo); }

}  // namespace miglint
