#include <fmt/format.h>

#include "linter/rule_registry.hpp"
#include "rules/ast_helpers.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "require-concurrent-index-deletion",
    .summary = "DROP INDEX without CONCURRENTLY blocks reads and writes of the table",
    .default_severity = Severity::error,
    .category = RuleCategory::locking,
    .fix = FixAvailability::sometimes,
};

class RequireConcurrentIndexDeletion final : public Rule {
 public:
  explicit RequireConcurrentIndexDeletion(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    if (stmt.node->node_case != PG_QUERY__NODE__NODE_DROP_STMT) return;
    const PgQuery__DropStmt& drop = *stmt.node->drop_stmt;
    if (drop.remove_type != PG_QUERY__OBJECT_TYPE__OBJECT_INDEX || drop.concurrent) return;
    for (const QualifiedName& index : dropped_names(drop)) {
      if (!index_on_existing_table(ctx, index)) continue;
      Diagnostic d = diagnostic(stmt.range,
                                fmt::format("dropping `{}` without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on its "
                                            "table: every read and write waits behind it",
                                            index.display()),
                                fmt::format("Use `DROP INDEX CONCURRENTLY {};` in a migration that runs outside a "
                                            "transaction block.",
                                            index.sql()));
      // CONCURRENTLY drops one index at a time, without CASCADE, and only outside a transaction
      // block: the rewrite is safe only then.
      const Token* keyword = find_token(stmt, PG_QUERY__TOKEN__INDEX);
      if (keyword != nullptr && drop.n_objects == 1 && drop.behavior != PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE) {
        d.fix = Fix{"Insert CONCURRENTLY",
                    ctx.transaction_state() == TransactionState::outside ? FixSafety::safe : FixSafety::unsafe,
                    {Edit{{keyword->range.end, keyword->range.end}, " CONCURRENTLY"}}};
      }
      ctx.report(std::move(d));
    }
  }
};

}  // namespace

void register_require_concurrent_index_deletion(RuleRegistry& registry) { registry.add<RequireConcurrentIndexDeletion>(kInfo); }

}  // namespace miglint
