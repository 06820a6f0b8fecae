#include "linter/reported_rule.hpp"
#include "linter/rule_registry.hpp"

namespace miglint {

// Findings of this rule are reported by the engine (linter/engine.cpp); it has nothing to check.
namespace {

constexpr RuleInfo kInfo{
    .id = rule_id(ReportedRule::unused_suppression),
    .summary = "A miglint-ignore comment that suppresses nothing",
    .default_severity = Severity::warning,
    .category = RuleCategory::meta,
};

}  // namespace

void register_unused_suppression(RuleRegistry& registry) { registry.add_reported(kInfo); }

}  // namespace miglint
