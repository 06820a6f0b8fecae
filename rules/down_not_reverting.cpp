#include "linter/reported_rule.hpp"
#include "linter/rule_registry.hpp"

namespace miglint {

// Reported by `miglint validate` (validator/validator.cpp) from a real PostgreSQL; nothing to lint.
namespace {

constexpr RuleInfo kInfo{
    .id = rule_id(ReportedRule::down_not_reverting),
    .summary = "A down migration that does not restore the schema its up migration started from",
    .default_severity = Severity::error,
    .category = RuleCategory::validation,
};

}  // namespace

void register_down_not_reverting(RuleRegistry& registry) { registry.add_reported(kInfo); }

}  // namespace miglint
