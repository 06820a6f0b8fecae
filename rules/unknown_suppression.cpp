#include "linter/reported_rule.hpp"
#include "linter/rule_registry.hpp"

namespace miglint {

// Findings of this rule are reported by the engine (linter/engine.cpp); it has nothing to check.
namespace {

constexpr RuleInfo kInfo{
    .id = rule_id(ReportedRule::unknown_suppression),
    .summary = "A miglint-ignore comment names a rule that does not exist",
    .default_severity = Severity::warning,
    .category = RuleCategory::meta,
};

}  // namespace

void register_unknown_suppression(RuleRegistry& registry) { registry.add_reported(kInfo); }

}  // namespace miglint
