#include <fmt/format.h>

#include "linter/rule_registry.hpp"
#include "rules/ast_helpers.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "ban-table-rewrite",
    .summary = "SET LOGGED/UNLOGGED, SET TABLESPACE or SET ACCESS METHOD rewrites the table",
    .default_severity = Severity::warning,
    .category = RuleCategory::locking,
};

class BanTableRewrite final : public Rule {
 public:
  explicit BanTableRewrite(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    for_each_command_on_existing_table(stmt, ctx, [&](const QualifiedName& table, const AlterCommand& command) {
      std::string_view what;
      switch (command.cmd->subtype) {
        case PG_QUERY__ALTER_TABLE_TYPE__AT_SetLogged: what = "SET LOGGED"; break;
        case PG_QUERY__ALTER_TABLE_TYPE__AT_SetUnLogged: what = "SET UNLOGGED"; break;
        case PG_QUERY__ALTER_TABLE_TYPE__AT_SetTableSpace: what = "SET TABLESPACE"; break;
        case PG_QUERY__ALTER_TABLE_TYPE__AT_SetAccessMethod: what = "SET ACCESS METHOD"; break;
        default: return;
      }
      ctx.report(with_effect(PredictedEffect::Kind::rewrite, table, diagnostic(command.range,
                            fmt::format("{} copies every row of `{}` into a new file under an ACCESS EXCLUSIVE lock: "
                                        "all reads and writes wait for the whole copy",
                                        what, table.display()),
                            "Do this in a maintenance window, or build a new table online and switch to it.")));
    });
  }
};

}  // namespace

void register_ban_table_rewrite(RuleRegistry& registry) { registry.add<BanTableRewrite>(kInfo); }

}  // namespace miglint
