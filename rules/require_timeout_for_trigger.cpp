#include <fmt/format.h>

#include "linter/rule_registry.hpp"
#include "rules/ast_helpers.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "require-timeout-for-trigger",
    .summary = "CREATE, DROP, ENABLE or DISABLE TRIGGER on a table with data and no lock_timeout: writes queue behind it",
    .default_severity = Severity::warning,
    .category = RuleCategory::locking,
};

class RequireTimeoutForTrigger final : public Rule {
 public:
  explicit RequireTimeoutForTrigger(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    const std::optional<TriggerChange> change = trigger_change(stmt, ctx);
    if (!change || !is_existing_table(ctx, change->table)) return;
    const std::string gap = timeout_gap(ctx.session(), "lock_timeout", std::nullopt);
    if (gap.empty()) return;
    // Once per table and script: one lock_timeout at the top covers the others.
    const std::vector<Statement>& script = ctx.script_statements();
    for (size_t i = 0; i < ctx.statement_index() && i < script.size(); ++i) {
      const std::optional<TriggerChange> earlier = trigger_change(script[i], ctx);
      if (earlier && earlier->table.key() == change->table.key() &&
          !timeout_gap(ctx.session_at(i), "lock_timeout", std::nullopt).empty()) {
        return;
      }
    }
    ctx.report(diagnostic(
        stmt.range,
        fmt::format("{} on `{}` waits for the {} lock behind every running query on it, and while it waits {} on "
                    "`{}` queue behind it; {}",
                    change->what, change->table.display(), change->lock, blocked_queries(change->lock),
                    change->table.display(), gap),
        "Set `SET lock_timeout = '2s';` (or `SET LOCAL` in the migration's transaction) before it and let the "
        "deploy retry when it times out: the trigger change itself is instant once it has the lock."));
  }

 private:
  struct TriggerChange {
    QualifiedName table;
    std::string what;
    std::string_view lock;
  };

  static std::optional<TriggerChange> trigger_change(const Statement& stmt, const Context& ctx) {
    const PgQuery__Node& node = *stmt.node;
    if (node.node_case == PG_QUERY__NODE__NODE_CREATE_TRIG_STMT) {
      return TriggerChange{relation_name(node.create_trig_stmt->relation),
                           fmt::format("creating trigger `{}`", node.create_trig_stmt->trigname), "SHARE ROW EXCLUSIVE"};
    }
    if (node.node_case == PG_QUERY__NODE__NODE_DROP_STMT &&
        node.drop_stmt->remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER) {
      // DROP TRIGGER name ON table: the object is the table's name followed by the trigger's.
      for (const PgQuery__Node* object : items(node.drop_stmt->objects, node.drop_stmt->n_objects)) {
        if (object->node_case != PG_QUERY__NODE__NODE_LIST) continue;
        std::vector<std::string> parts = string_list(items(object->list->items, object->list->n_items));
        if (parts.size() < 2) continue;
        const std::string trigger = parts.back();
        parts.pop_back();
        const QualifiedName table{parts.size() > 1 ? parts[parts.size() - 2] : "public", parts.back()};
        if (is_existing_table(ctx, table)) {
          return TriggerChange{table, fmt::format("dropping trigger `{}`", trigger), "ACCESS EXCLUSIVE"};
        }
      }
      return std::nullopt;
    }
    const PgQuery__AlterTableStmt* alter = as_alter_table(stmt);
    if (alter == nullptr) return std::nullopt;
    for (const AlterCommand& command : alter_commands(stmt, *alter)) {
      if (switches_trigger(command.cmd->subtype)) {
        return TriggerChange{relation_name(alter->relation), "enabling or disabling a trigger", "SHARE ROW EXCLUSIVE"};
      }
    }
    return std::nullopt;
  }
};

}  // namespace

void register_require_timeout_for_trigger(RuleRegistry& registry) { registry.add<RequireTimeoutForTrigger>(kInfo); }

}  // namespace miglint
