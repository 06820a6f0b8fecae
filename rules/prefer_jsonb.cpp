#include <fmt/format.h>

#include <algorithm>

#include "linter/rule_registry.hpp"
#include "rules/ast_helpers.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "prefer-jsonb",
    .summary = "json columns: prefer jsonb",
    .default_severity = Severity::note,
    .category = RuleCategory::compatibility,
    .opt_in = true,
};

constexpr std::string_view kTypes[] = {"json"};

class PreferJsonb final : public Rule {
 public:
  explicit PreferJsonb(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    for (const ColumnDefinition& column : column_definitions(stmt)) {
      if (std::find(std::begin(kTypes), std::end(kTypes), column.type_name) == std::end(kTypes)) continue;
      const std::string name = column.display();
      ctx.report(diagnostic(column.range, fmt::format("`{}` is {}: it is stored as text, reparsed on every access, cannot be indexed with GIN, and has no equality operator", name, column.type_name), "Use jsonb."));
    }
  }
};

}  // namespace

void register_prefer_jsonb(RuleRegistry& registry) { registry.add<PreferJsonb>(kInfo); }

}  // namespace miglint
