#include <fmt/format.h>

#include <algorithm>

#include "linter/rule_registry.hpp"
#include "rules/ast_helpers.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "prefer-bigint-over-smallint",
    .summary = "smallint columns run out at 32,767",
    .default_severity = Severity::note,
    .category = RuleCategory::performance,
    .opt_in = true,
};

constexpr std::string_view kTypes[] = {"int2", "smallserial", "serial2"};

class PreferBigintOverSmallint final : public Rule {
 public:
  explicit PreferBigintOverSmallint(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    for (const ColumnDefinition& column : column_definitions(stmt)) {
      if (std::find(std::begin(kTypes), std::end(kTypes), column.type_name) == std::end(kTypes)) continue;
      const std::string name = column.display();
      ctx.report(diagnostic(column.range, fmt::format("`{}` is {}: it runs out at 32,767, and widening it later rewrites the table", name, column.type_name), "Use bigint (or integer if the range is really bounded)."));
    }
  }
};

}  // namespace

void register_prefer_bigint_over_smallint(RuleRegistry& registry) { registry.add<PreferBigintOverSmallint>(kInfo); }

}  // namespace miglint
