#include <fmt/format.h>

#include <algorithm>

#include "linter/rule_registry.hpp"
#include "rules/ast_helpers.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "prefer-timestamp-tz",
    .summary = "timestamp without time zone columns",
    .default_severity = Severity::note,
    .category = RuleCategory::compatibility,
    .opt_in = true,
};

constexpr std::string_view kTypes[] = {"timestamp"};

class PreferTimestampTz final : public Rule {
 public:
  explicit PreferTimestampTz(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    for (const ColumnDefinition& column : column_definitions(stmt)) {
      if (std::find(std::begin(kTypes), std::end(kTypes), column.type_name) == std::end(kTypes)) continue;
      const std::string name = column.display();
      ctx.report(diagnostic(column.range, fmt::format("`{}` is {} without time zone: it stores wall-clock time with no zone, so the same value means different instants on servers and clients in other zones", name, column.type_name), "Use timestamptz: it stores an instant and converts on display."));
    }
  }
};

}  // namespace

void register_prefer_timestamp_tz(RuleRegistry& registry) { registry.add<PreferTimestampTz>(kInfo); }

}  // namespace miglint
