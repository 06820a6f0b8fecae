#include <fmt/format.h>

#include "linter/rule_registry.hpp"
#include "rules/ast_helpers.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "ban-drop-not-null",
    .summary = "DROP NOT NULL lets NULLs into a column that running code reads as never NULL",
    .default_severity = Severity::warning,
    .category = RuleCategory::compatibility,
};

class BanDropNotNull final : public Rule {
 public:
  explicit BanDropNotNull(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    for_each_command_on_existing_table(stmt, ctx, [&](const QualifiedName& table, const AlterCommand& command) {
      if (command.cmd->subtype != PG_QUERY__ALTER_TABLE_TYPE__AT_DropNotNull) return;
      ctx.report(diagnostic(command.range,
                            fmt::format("dropping NOT NULL from `{}.{}` lets NULLs in, and code that reads the column "
                                        "as never NULL breaks on the first one",
                                        table.display(), command.cmd->name),
                            "Make sure every reader handles NULL before this runs, or keep the column NOT NULL and "
                            "store a sentinel value instead."));
    });
  }
};

}  // namespace

void register_ban_drop_not_null(RuleRegistry& registry) { registry.add<BanDropNotNull>(kInfo); }

}  // namespace miglint
