#include "linter/reported_rule.hpp"
#include "linter/rule_registry.hpp"

namespace miglint {

// Findings of this rule are reported by the engine (linter/engine.cpp); it has nothing to check.
namespace {

constexpr RuleInfo kInfo{
    .id = rule_id(ReportedRule::syntax_error),
    .summary = "A statement PostgreSQL's parser rejects, or a file that is not SQL text",
    .default_severity = Severity::error,
    .category = RuleCategory::meta,
};

}  // namespace

void register_syntax_error(RuleRegistry& registry) { registry.add_reported(kInfo); }

}  // namespace miglint
