#include <fmt/format.h>

#include "linter/rule_registry.hpp"
#include "rules/ast_helpers.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "ban-drop-schema",
    .summary = "DROP SCHEMA: every table, view and function in it goes too",
    .default_severity = Severity::warning,
    .category = RuleCategory::compatibility,
};

class BanDropSchema final : public Rule {
 public:
  explicit BanDropSchema(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    if (stmt.node->node_case != PG_QUERY__NODE__NODE_DROP_STMT) return;
    const PgQuery__DropStmt& drop = *stmt.node->drop_stmt;
    if (drop.remove_type != PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA) return;
    const bool cascade = drop.behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
    for (const QualifiedName& schema : dropped_names(drop)) {
      ctx.report(diagnostic(stmt.range,
                            fmt::format("dropping schema `{}`{} breaks every running query that uses an object in it",
                                        schema.name, cascade ? " with CASCADE deletes every table, view and function in it, and" : ""),
                            "Stop using the schema's objects first, drop them one by one in a later migration, then "
                            "the empty schema; suppress this finding there with a reason."));
    }
  }
};

}  // namespace

void register_ban_drop_schema(RuleRegistry& registry) { registry.add<BanDropSchema>(kInfo); }

}  // namespace miglint
