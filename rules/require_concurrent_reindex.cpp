#include <fmt/format.h>

#include "linter/rule_registry.hpp"
#include "rules/ast_helpers.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "require-concurrent-reindex",
    .summary = "REINDEX without CONCURRENTLY locks the table against writes (PostgreSQL 12+)",
    .default_severity = Severity::warning,
    .category = RuleCategory::locking,
};

class RequireConcurrentReindex final : public Rule {
 public:
  explicit RequireConcurrentReindex(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    if (stmt.node->node_case != PG_QUERY__NODE__NODE_REINDEX_STMT || ctx.pg_version() < 12) return;
    const PgQuery__ReindexStmt& reindex = *stmt.node->reindex_stmt;
    if (reindex.kind == PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_SYSTEM ||
        has_option(items(reindex.params, reindex.n_params), "concurrently")) {
      return;
    }
    if (reindex.relation != nullptr) {
      const QualifiedName name = relation_name(reindex.relation);
      const bool existing = reindex.kind == PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_INDEX
                                ? index_on_existing_table(ctx, name)
                                : is_existing_table(ctx, name);
      if (!existing) return;
    }
    ctx.report(diagnostic(stmt.range,
                          "REINDEX without CONCURRENTLY holds a SHARE lock on the table (writes wait) and an ACCESS "
                          "EXCLUSIVE lock on each index it rebuilds (reads that use it wait) for the whole rebuild",
                          "Use `REINDEX ... CONCURRENTLY` (PostgreSQL 12+) in a migration that runs outside a "
                          "transaction block."));
  }
};

}  // namespace

void register_require_concurrent_reindex(RuleRegistry& registry) { registry.add<RequireConcurrentReindex>(kInfo); }

}  // namespace miglint
