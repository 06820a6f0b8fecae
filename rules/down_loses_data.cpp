#include "linter/reported_rule.hpp"
#include "linter/rule_registry.hpp"

namespace miglint {

// Reported by `miglint validate` (validator/validator.cpp) from a real PostgreSQL; nothing to lint.
namespace {

constexpr RuleInfo kInfo{
    .id = rule_id(ReportedRule::down_loses_data),
    .summary = "A down migration that does not give back the rows and values its up migration found (validate --rows)",
    .default_severity = Severity::warning,
    .category = RuleCategory::validation,
};

}  // namespace

void register_down_loses_data(RuleRegistry& registry) { registry.add_reported(kInfo); }

}  // namespace miglint
