#include <fmt/format.h>

#include "linter/rule_registry.hpp"
#include "rules/ast_helpers.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "ban-drop-type",
    .summary = "DROP TYPE breaks running code that still uses the type",
    .default_severity = Severity::warning,
    .category = RuleCategory::compatibility,
};

class BanDropType final : public Rule {
 public:
  explicit BanDropType(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    for (const auto& [name, message] : dropped_objects_in_use(stmt, ctx, PG_QUERY__OBJECT_TYPE__OBJECT_TYPE, "type")) {
      ctx.report(diagnostic(stmt.range, message, std::string(kDropInUseHelp)));
    }
  }
};

}  // namespace

void register_ban_drop_type(RuleRegistry& registry) { registry.add<BanDropType>(kInfo); }

}  // namespace miglint
