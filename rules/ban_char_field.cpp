#include <fmt/format.h>

#include <algorithm>

#include "linter/rule_registry.hpp"
#include "rules/ast_helpers.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "ban-char-field",
    .summary = "char(n) columns pad with spaces",
    .default_severity = Severity::note,
    .category = RuleCategory::compatibility,
    .opt_in = true,
};

constexpr std::string_view kTypes[] = {"bpchar"};

class BanCharField final : public Rule {
 public:
  explicit BanCharField(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    for (const ColumnDefinition& column : column_definitions(stmt)) {
      if (std::find(std::begin(kTypes), std::end(kTypes), column.type_name) == std::end(kTypes)) continue;
      const std::string name = column.display();
      ctx.report(diagnostic(column.range, fmt::format("`{}` is char(n) ({}): values are padded with spaces, and comparisons and lengths behave surprisingly", name, column.type_name), "Use text (with a CHECK on the length if it matters)."));
    }
  }
};

}  // namespace

void register_ban_char_field(RuleRegistry& registry) { registry.add<BanCharField>(kInfo); }

}  // namespace miglint
