#include <fmt/format.h>

#include "rules/ast_helpers.hpp"
#include "linter/rule_registry.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "ban-drop-column",
    .summary = "DROP COLUMN breaks application code that still reads or writes the column",
    .default_severity = Severity::warning,
    .category = RuleCategory::compatibility,
};

class BanDropColumn final : public Rule {
 public:
  explicit BanDropColumn(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    for_each_command_on_existing_table(stmt, ctx, [&](const QualifiedName& table, const AlterCommand& command) {
      if (command.cmd->subtype != PG_QUERY__ALTER_TABLE_TYPE__AT_DropColumn) {
        return;
      }
      const std::string column = command.cmd->name;
      ctx.report(diagnostic(
          command.range,
          fmt::format("dropping column `{0}` from `{1}` breaks every running query that still names `{0}`, and "
                      "the ALTER TABLE waits for an ACCESS EXCLUSIVE lock on `{1}` that blocks all reads and writes "
                      "behind it",
                      column, table.display()),
          fmt::format("Stop using `{0}.{1}` first: deploy code that neither reads nor writes it (for ORMs, mark it "
                      "ignored), then drop it in a later migration with a short lock_timeout: "
                      "`SET lock_timeout = '2s'; ALTER TABLE {3} DROP COLUMN {2};`. If that has already happened, "
                      "suppress this finding with `-- miglint-ignore: ban-drop-column -- <reason>`.",
                      table.display(), column, quote_identifier(column), table.sql())));
    });
  }
};

}  // namespace

void register_ban_drop_column(RuleRegistry& registry) { registry.add<BanDropColumn>(kInfo); }

}  // namespace miglint
