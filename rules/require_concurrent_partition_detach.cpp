#include <fmt/format.h>

#include "linter/rule_registry.hpp"
#include "rules/ast_helpers.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "require-concurrent-partition-detach",
    .summary = "DETACH PARTITION without CONCURRENTLY blocks the parent table (PostgreSQL 14+)",
    .default_severity = Severity::warning,
    .category = RuleCategory::locking,
};

class RequireConcurrentPartitionDetach final : public Rule {
 public:
  explicit RequireConcurrentPartitionDetach(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    if (ctx.pg_version() < 14) return;
    for_each_command_on_existing_table(stmt, ctx, [&](const QualifiedName& table, const AlterCommand& command) {
      if (command.cmd->subtype != PG_QUERY__ALTER_TABLE_TYPE__AT_DetachPartition || command.cmd->def == nullptr ||
          command.cmd->def->node_case != PG_QUERY__NODE__NODE_PARTITION_CMD) {
        return;
      }
      const PgQuery__PartitionCmd& partition = *command.cmd->def->partition_cmd;
      if (partition.concurrent) return;
      const QualifiedName detached = relation_name(partition.name);
      ctx.report(diagnostic(command.range,
                            fmt::format("detaching `{}` from `{}` without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on "
                                        "`{}`: every query on the partitioned table waits",
                                        detached.display(), table.display(), table.display()),
                            fmt::format("Use `ALTER TABLE {} DETACH PARTITION {} CONCURRENTLY;` (PostgreSQL 14+), "
                                        "outside a transaction block.",
                                        table.sql(), detached.sql())));
    });
  }
};

}  // namespace

void register_require_concurrent_partition_detach(RuleRegistry& registry) { registry.add<RequireConcurrentPartitionDetach>(kInfo); }

}  // namespace miglint
