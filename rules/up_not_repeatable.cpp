#include "linter/reported_rule.hpp"
#include "linter/rule_registry.hpp"

namespace miglint {

// Reported by `miglint validate` (validator/validator.cpp) from a real PostgreSQL; nothing to lint.
namespace {

constexpr RuleInfo kInfo{
    .id = rule_id(ReportedRule::up_not_repeatable),
    .summary = "An up migration that fails, or gives another schema, when applied again after its down",
    .default_severity = Severity::error,
    .category = RuleCategory::validation,
};

}  // namespace

void register_up_not_repeatable(RuleRegistry& registry) { registry.add_reported(kInfo); }

}  // namespace miglint
