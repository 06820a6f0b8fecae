#include <fmt/format.h>

#include <algorithm>

#include "rules/ast_helpers.hpp"
#include "linter/rule_registry.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "ban-concurrent-index-creation-in-transaction",
    .summary = "A CONCURRENTLY operation (or VACUUM, DISCARD ALL, ...) that its runner executes inside a transaction block, where it fails",
    .default_severity = Severity::error,
    .category = RuleCategory::correctness,
    .predicts_failure = true,
};

std::string_view operation(const PgQuery__Node& node) {
  switch (node.node_case) {
    case PG_QUERY__NODE__NODE_INDEX_STMT: return "CREATE INDEX CONCURRENTLY";
    case PG_QUERY__NODE__NODE_DROP_STMT: return "DROP INDEX CONCURRENTLY";
    case PG_QUERY__NODE__NODE_REINDEX_STMT:
      switch (node.reindex_stmt->kind) {
        case PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_SCHEMA: return "REINDEX SCHEMA";
        case PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_SYSTEM: return "REINDEX SYSTEM";
        case PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_DATABASE: return "REINDEX DATABASE";
        default: return "REINDEX CONCURRENTLY";
      }
    case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT: return "ALTER TABLE ... DETACH CONCURRENTLY";
    case PG_QUERY__NODE__NODE_DISCARD_STMT: return "DISCARD ALL";
    case PG_QUERY__NODE__NODE_CLUSTER_STMT: return "CLUSTER";
    case PG_QUERY__NODE__NODE_ALTER_SYSTEM_STMT: return "ALTER SYSTEM";
    case PG_QUERY__NODE__NODE_CREATE_TABLE_SPACE_STMT: return "CREATE TABLESPACE";
    case PG_QUERY__NODE__NODE_DROP_TABLE_SPACE_STMT: return "DROP TABLESPACE";
    case PG_QUERY__NODE__NODE_VACUUM_STMT: return "VACUUM";
    case PG_QUERY__NODE__NODE_CREATEDB_STMT: return "CREATE DATABASE";
    case PG_QUERY__NODE__NODE_DROPDB_STMT: return "DROP DATABASE";
    case PG_QUERY__NODE__NODE_CREATE_SUBSCRIPTION_STMT: return "CREATE SUBSCRIPTION (creating its replication slot)";
    case PG_QUERY__NODE__NODE_DROP_SUBSCRIPTION_STMT: return "DROP SUBSCRIPTION";
    case PG_QUERY__NODE__NODE_ALTER_SUBSCRIPTION_STMT: return "ALTER SUBSCRIPTION refreshing its publications";
    default: return "this statement";
  }
}

class BanConcurrentIndexCreationInTransaction final : public Rule {
 public:
  explicit BanConcurrentIndexCreationInTransaction(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    if (!cannot_run_in_transaction(*stmt.node)) {
      return;
    }
    const std::string op(operation(*stmt.node));
    switch (ctx.transaction_state()) {
      case TransactionState::inside_explicit_block:
        ctx.report(diagnostic(stmt.range,
                              fmt::format("{} cannot run inside a transaction block, and the BEGIN before it opens one: "
                                          "the migration fails with `{} cannot run inside a transaction block`",
                                          op, op),
                              "Move the statement after the COMMIT, or into a migration of its own without BEGIN/COMMIT."));
        return;
      case TransactionState::inside:
        ctx.report(diagnostic(stmt.range,
                              fmt::format("{} cannot run inside a transaction block, and {} runs this migration in one: "
                                          "the migration fails",
                                          op, runner_description(ctx)),
                              fmt::format("To run it outside a transaction, {}.", ctx.layout().no_transaction)));
        return;
      default:
        break;
    }
    if (ctx.transaction_mode() == TransactionMode::flyway_auto && mixes_transactional_statements(ctx)) {
      ctx.report(diagnostic(stmt.range,
                            fmt::format("{} cannot run in a transaction, so Flyway runs this migration without one, but "
                                        "the migration also holds statements that can: Flyway refuses mixed migrations "
                                        "(unless flyway.mixed is set), and without a transaction a failure leaves the "
                                        "migration half applied",
                                        op),
                            "Move the statement into a migration of its own."));
    }
  }

 private:
  static std::string runner_description(const Context& ctx) {
    switch (ctx.transaction_mode()) {
      case TransactionMode::implicit_when_multi_statement:
        return fmt::format("{}, which sends a file with several statements as one implicit transaction,", ctx.layout().runner);
      default:
        return std::string(ctx.layout().runner);
    }
  }

  static bool mixes_transactional_statements(const Context& ctx) {
    const auto& statements = ctx.script_statements();
    return std::any_of(statements.begin(), statements.end(),
                       [](const Statement& s) { return !flyway_detects_non_transactional(*s.node); });
  }
};

}  // namespace

void register_ban_concurrent_index_creation_in_transaction(RuleRegistry& registry) {
  registry.add<BanConcurrentIndexCreationInTransaction>(kInfo);
}

}  // namespace miglint
