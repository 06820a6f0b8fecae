#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "linter/error.hpp"
#include "rules/ast_helpers.hpp"
#include "linter/rule_registry.hpp"

namespace miglint {
namespace {

constexpr std::array<std::string_view, 1> kOptions{"small_tables"};

constexpr RuleInfo kInfo{
    .id = "require-concurrent-index-creation",
    .summary = "CREATE INDEX without CONCURRENTLY blocks writes to an existing table for the whole build",
    .default_severity = Severity::error,
    .category = RuleCategory::locking,
    .fix = FixAvailability::sometimes,
    .options = kOptions,
};

class RequireConcurrentIndexCreation final : public Rule {
 public:
  explicit RequireConcurrentIndexCreation(const RuleOptions& options) : Rule(kInfo) {
    if (const auto it = options.find("small_tables"); it != options.end()) {
      small_tables_ = it->second;
    }
  }

  void check(const Statement& stmt, const Context& ctx) const override {
    if (stmt.node->node_case != PG_QUERY__NODE__NODE_INDEX_STMT) {
      return;
    }
    const PgQuery__IndexStmt& index = *stmt.node->index_stmt;
    const QualifiedName table = relation_name(index.relation);
    if (index.concurrent || !is_existing_table(ctx, table) || is_small(table)) {
      return;
    }
    const std::string name = *index.idxname != '\0' ? std::string(index.idxname) : std::string("the index");
    Diagnostic d = diagnostic(
        stmt.range,
        fmt::format("building `{0}` on existing table `{1}` without CONCURRENTLY holds a SHARE lock for the whole "
                    "build: every INSERT, UPDATE and DELETE on `{1}` waits until the index is complete",
                    name, table.display()),
        fmt::format("Use `CREATE {0}INDEX CONCURRENTLY` (it cannot run inside a transaction block: {2}). If `{1}` is "
                    "known to stay small, list it under "
                    "[rules.require-concurrent-index-creation] small_tables in miglint.toml.",
                    index.unique ? "UNIQUE " : "", table.display(), ctx.layout().no_transaction));
    if (const Token* keyword = find_token(stmt, PG_QUERY__TOKEN__INDEX); keyword != nullptr) {
      // CONCURRENTLY fails inside a transaction block, so the rewrite is only safe for a statement
      // its runner executes outside one.
      d.fix = Fix{"Insert CONCURRENTLY",
                  ctx.transaction_state() == TransactionState::outside ? FixSafety::safe : FixSafety::unsafe,
                  {Edit{{keyword->range.end, keyword->range.end}, " CONCURRENTLY"}}};
    }
    ctx.report(with_effect(PredictedEffect::Kind::scan, table, std::move(d)));
  }

 private:
  bool is_small(const QualifiedName& table) const {
    return std::any_of(small_tables_.begin(), small_tables_.end(),
                       [&](const std::string& small) { return small == table.name || small == table.key(); });
  }

  std::vector<std::string> small_tables_;
};

}  // namespace

void register_require_concurrent_index_creation(RuleRegistry& registry) {
  registry.add<RequireConcurrentIndexCreation>(kInfo);
}

}  // namespace miglint
