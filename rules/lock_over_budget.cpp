#include "linter/reported_rule.hpp"
#include "linter/rule_registry.hpp"

namespace miglint {

// Reported by `miglint validate` (validator/validator.cpp) from a real PostgreSQL; nothing to lint.
namespace {

constexpr RuleInfo kInfo{
    .id = rule_id(ReportedRule::lock_over_budget),
    .summary = "A lock held longer than its budget at production size (validate --trace --rows --stats)",
    .default_severity = Severity::warning,
    .category = RuleCategory::validation,
};

}  // namespace

void register_lock_over_budget(RuleRegistry& registry) { registry.add_reported(kInfo); }

}  // namespace miglint
