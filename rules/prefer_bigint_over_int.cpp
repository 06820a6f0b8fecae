#include <fmt/format.h>

#include <algorithm>

#include "linter/rule_registry.hpp"
#include "rules/ast_helpers.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "prefer-bigint-over-int",
    .summary = "integer and serial columns run out at 2,147,483,647",
    .default_severity = Severity::note,
    .category = RuleCategory::performance,
    .opt_in = true,
};

constexpr std::string_view kTypes[] = {"int4", "serial", "serial4"};

class PreferBigintOverInt final : public Rule {
 public:
  explicit PreferBigintOverInt(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    for (const ColumnDefinition& column : column_definitions(stmt)) {
      if (std::find(std::begin(kTypes), std::end(kTypes), column.type_name) == std::end(kTypes)) continue;
      const std::string name = column.display();
      ctx.report(diagnostic(column.range, fmt::format("`{}` is {}: ids and counters of a growing table run out at 2,147,483,647, and widening the column later rewrites the table", name, column.type_name), "Use bigint (or bigserial / GENERATED ... AS IDENTITY on bigint): it costs 4 more bytes per row."));
    }
  }
};

}  // namespace

void register_prefer_bigint_over_int(RuleRegistry& registry) { registry.add<PreferBigintOverInt>(kInfo); }

}  // namespace miglint
