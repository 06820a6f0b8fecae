#include <fmt/format.h>

#include "linter/rule_registry.hpp"
#include "rules/ast_helpers.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "ban-vacuum-full-or-cluster",
    .summary = "VACUUM FULL or CLUSTER rewrites a table under an ACCESS EXCLUSIVE lock",
    .default_severity = Severity::warning,
    .category = RuleCategory::locking,
};

class BanVacuumFullOrCluster final : public Rule {
 public:
  explicit BanVacuumFullOrCluster(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    if (stmt.node->node_case == PG_QUERY__NODE__NODE_VACUUM_STMT) {
      const PgQuery__VacuumStmt& vacuum = *stmt.node->vacuum_stmt;
      if (!vacuum.is_vacuumcmd || !has_option(items(vacuum.options, vacuum.n_options), "full")) return;
    } else if (stmt.node->node_case != PG_QUERY__NODE__NODE_CLUSTER_STMT) {
      return;
    }
    ctx.report(diagnostic(stmt.range,
                          "VACUUM FULL and CLUSTER rewrite the whole table under an ACCESS EXCLUSIVE lock: every read "
                          "and write waits until the copy is finished, and the table needs twice its size on disk",
                          "Use pg_repack or pg_squeeze, which rebuild a table online, and keep table maintenance out "
                          "of migrations."));
  }
};

}  // namespace

void register_ban_vacuum_full_or_cluster(RuleRegistry& registry) { registry.add<BanVacuumFullOrCluster>(kInfo); }

}  // namespace miglint
