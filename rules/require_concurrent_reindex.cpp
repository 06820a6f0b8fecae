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
    .fix = FixAvailability::sometimes,
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
    Diagnostic d = diagnostic(stmt.range,
                              "REINDEX without CONCURRENTLY holds a SHARE lock on the table (writes wait) and an ACCESS "
                              "EXCLUSIVE lock on each index it rebuilds (reads that use it wait) for the whole rebuild",
                              "Use `REINDEX ... CONCURRENTLY` (PostgreSQL 12+) in a migration that runs outside a "
                              "transaction block.");
    // `REINDEX INDEX name` -> `REINDEX INDEX CONCURRENTLY name`: after the kind keyword.
    const PgQuery__Token kind = reindex.kind == PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_INDEX    ? PG_QUERY__TOKEN__INDEX
                                : reindex.kind == PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_TABLE  ? PG_QUERY__TOKEN__TABLE
                                : reindex.kind == PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_SCHEMA ? PG_QUERY__TOKEN__SCHEMA
                                                                                                       : PG_QUERY__TOKEN__DATABASE;
    if (const Token* keyword = find_token(stmt, kind); keyword != nullptr && reindex.n_params == 0) {
      d.fix = Fix{"Insert CONCURRENTLY",
                  ctx.transaction_state() == TransactionState::outside ? FixSafety::safe : FixSafety::unsafe,
                  {Edit{{keyword->range.end, keyword->range.end}, " CONCURRENTLY"}}};
    }
    ctx.report(std::move(d));
  }
};

}  // namespace

void register_require_concurrent_reindex(RuleRegistry& registry) { registry.add<RequireConcurrentReindex>(kInfo); }

}  // namespace miglint
