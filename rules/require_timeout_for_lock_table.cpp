#include <fmt/format.h>

#include "linter/rule_registry.hpp"
#include "rules/ast_helpers.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "require-timeout-for-lock-table",
    .summary = "LOCK TABLE in SHARE mode or stronger without NOWAIT or a lock_timeout: queries queue behind it",
    .default_severity = Severity::warning,
    .category = RuleCategory::locking,
};

class RequireTimeoutForLockTable final : public Rule {
 public:
  explicit RequireTimeoutForLockTable(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    const std::optional<std::string> lock = unbounded_lock(stmt, ctx);
    if (!lock) return;
    const std::string gap = timeout_gap(ctx.session(), "lock_timeout", std::nullopt);
    if (gap.empty()) return;
    // Once per script: one lock_timeout before the first covers the rest.
    const std::vector<Statement>& script = ctx.script_statements();
    for (size_t i = 0; i < ctx.statement_index() && i < script.size(); ++i) {
      if (unbounded_lock(script[i], ctx) && !timeout_gap(ctx.session_at(i), "lock_timeout", std::nullopt).empty()) return;
    }
    ctx.report(diagnostic(stmt.range,
                          fmt::format("LOCK TABLE waits for the {} behind every running query on the table, and while "
                                      "it waits {} on the table queue behind it; the lock is then held until the "
                                      "transaction ends; {}",
                                      *lock, blocked_queries(*lock), gap),
                          "Take the lock with a bound on the wait: `SET LOCAL lock_timeout = '2s';` before it (or "
                          "`LOCK TABLE ... NOWAIT`), keep the rest of the transaction short, and let the deploy "
                          "retry when it times out."));
  }

 private:
  // The lock a LOCK TABLE without NOWAIT takes, when it blocks reads or writes of a table with
  // data (blocking_lock() leaves out modes weaker than SHARE and tables created in this migration).
  static std::optional<std::string> unbounded_lock(const Statement& stmt, const Context& ctx) {
    if (stmt.node->node_case != PG_QUERY__NODE__NODE_LOCK_STMT || stmt.node->lock_stmt->nowait) return std::nullopt;
    return blocking_lock(stmt, ctx);
  }
};

}  // namespace

void register_require_timeout_for_lock_table(RuleRegistry& registry) { registry.add<RequireTimeoutForLockTable>(kInfo); }

}  // namespace miglint
