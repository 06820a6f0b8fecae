#include <fmt/format.h>

#include <algorithm>

#include "linter/rule_registry.hpp"
#include "rules/ast_helpers.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "prefer-identity",
    .summary = "serial columns: prefer GENERATED ... AS IDENTITY",
    .default_severity = Severity::note,
    .category = RuleCategory::compatibility,
    .opt_in = true,
};

constexpr std::string_view kTypes[] = {"serial", "serial4", "bigserial", "serial8", "smallserial", "serial2"};

class PreferIdentity final : public Rule {
 public:
  explicit PreferIdentity(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    for (const ColumnDefinition& column : column_definitions(stmt)) {
      if (std::find(std::begin(kTypes), std::end(kTypes), column.type_name) == std::end(kTypes)) continue;
      const std::string name = column.display();
      ctx.report(diagnostic(column.range, fmt::format("`{}` is {}: its sequence is a separate object with its own permissions and ownership quirks", name, column.type_name), "Use `bigint GENERATED ALWAYS AS IDENTITY` (or BY DEFAULT): the standard form, owned by the column."));
    }
  }
};

}  // namespace

void register_prefer_identity(RuleRegistry& registry) { registry.add<PreferIdentity>(kInfo); }

}  // namespace miglint
