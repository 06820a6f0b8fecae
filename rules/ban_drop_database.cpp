#include <fmt/format.h>

#include "linter/rule_registry.hpp"
#include "rules/ast_helpers.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "ban-drop-database",
    .summary = "DROP DATABASE in a migration",
    .default_severity = Severity::error,
    .category = RuleCategory::compatibility,
};

class BanDropDatabase final : public Rule {
 public:
  explicit BanDropDatabase(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    if (stmt.node->node_case != PG_QUERY__NODE__NODE_DROPDB_STMT) return;
    const std::string name = stmt.node->dropdb_stmt->dbname;
    ctx.report(diagnostic(stmt.range,
                          fmt::format("dropping database `{}` deletes every table and row in it, and it cannot run "
                                      "inside a transaction block",
                                      name),
                          "Databases are infrastructure, not schema: remove this statement and drop the database by "
                          "hand, deliberately, with a backup."));
  }
};

}  // namespace

void register_ban_drop_database(RuleRegistry& registry) { registry.add<BanDropDatabase>(kInfo); }

}  // namespace miglint
