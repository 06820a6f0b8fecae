#include <fmt/format.h>

#include <algorithm>

#include "linter/rule_registry.hpp"
#include "rules/ast_helpers.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "prefer-text-field",
    .summary = "varchar(n) columns: prefer text with a CHECK",
    .default_severity = Severity::note,
    .category = RuleCategory::compatibility,
    .opt_in = true,
};

constexpr std::string_view kTypes[] = {"varchar"};

class PreferTextField final : public Rule {
 public:
  explicit PreferTextField(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    for (const ColumnDefinition& column : column_definitions(stmt)) {
      if (std::find(std::begin(kTypes), std::end(kTypes), column.type_name) == std::end(kTypes) || column.def->type_name->n_typmods == 0) continue;
      const std::string name = column.display();
      ctx.report(diagnostic(column.range, fmt::format("`{}` is {} with a length limit: raising the limit later needs an ALTER on a live table, and the limit is not a real business rule", name, column.type_name), "Use text, with a CHECK (length(...) <= n) constraint if a limit matters: a CHECK can be changed with NOT VALID and no rewrite."));
    }
  }
};

}  // namespace

void register_prefer_text_field(RuleRegistry& registry) { registry.add<PreferTextField>(kInfo); }

}  // namespace miglint
