#include <fmt/format.h>

#include "linter/rule_registry.hpp"
#include "rules/ast_helpers.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "ban-rename-enum-value",
    .summary = "Renaming an enum value breaks running code that writes or compares the old value",
    .default_severity = Severity::warning,
    .category = RuleCategory::compatibility,
};

class BanRenameEnumValue final : public Rule {
 public:
  explicit BanRenameEnumValue(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    if (stmt.node->node_case != PG_QUERY__NODE__NODE_ALTER_ENUM_STMT) return;
    const PgQuery__AlterEnumStmt& alter = *stmt.node->alter_enum_stmt;
    if (*alter.old_val == '\0') return;
    const std::vector<std::string> type = string_list(items(alter.type_name, alter.n_type_name));
    ctx.report(diagnostic(stmt.range,
                          fmt::format("renaming value '{}' of enum `{}` to '{}' breaks running code that still writes or "
                                      "compares '{}': its inserts fail with `invalid input value for enum`",
                                      alter.old_val, type.empty() ? "" : type.back(), alter.new_val, alter.old_val),
                          "Add the new value, move the rows and the code to it, and stop using the old one (enum values "
                          "cannot be dropped; a lookup table is easier to change)."));
  }
};

}  // namespace

void register_ban_rename_enum_value(RuleRegistry& registry) { registry.add<BanRenameEnumValue>(kInfo); }

}  // namespace miglint
