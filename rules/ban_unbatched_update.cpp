#include <fmt/format.h>

#include "linter/rule_registry.hpp"
#include "rules/ast_helpers.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "ban-unbatched-update",
    .summary = "UPDATE or DELETE of a whole table in one statement",
    .default_severity = Severity::warning,
    .category = RuleCategory::locking,
};

class BanUnbatchedUpdate final : public Rule {
 public:
  explicit BanUnbatchedUpdate(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    const PgQuery__Node& node = *stmt.node;
    const PgQuery__RangeVar* relation = nullptr;
    const char* verb = nullptr;
    if (node.node_case == PG_QUERY__NODE__NODE_UPDATE_STMT && node.update_stmt->where_clause == nullptr) {
      relation = node.update_stmt->relation;
      verb = "UPDATE";
    } else if (node.node_case == PG_QUERY__NODE__NODE_DELETE_STMT && node.delete_stmt->where_clause == nullptr) {
      relation = node.delete_stmt->relation;
      verb = "DELETE";
    }
    if (relation == nullptr) return;
    const QualifiedName table = relation_name(relation);
    if (!is_existing_table(ctx, table)) return;
    ctx.report(diagnostic(stmt.range,
                          fmt::format("this {} touches every row of `{}` in one statement: it locks every row it "
                                      "changes until the migration commits, and writes the whole table to the WAL at once",
                                      verb, table.display()),
                          fmt::format("Backfill in batches outside the migration (e.g. `{} ... WHERE id BETWEEN $1 AND $2` "
                                      "in a loop with a pause), or accept it for a small table and suppress this finding.",
                                      verb)));
  }
};

}  // namespace

void register_ban_unbatched_update(RuleRegistry& registry) { registry.add<BanUnbatchedUpdate>(kInfo); }

}  // namespace miglint
