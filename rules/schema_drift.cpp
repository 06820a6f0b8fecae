#include "linter/reported_rule.hpp"
#include "linter/rule_registry.hpp"

namespace miglint {

// Reported by `miglint validate` (validator/validator.cpp) from a real PostgreSQL; nothing to lint.
namespace {

constexpr RuleInfo kInfo{
    .id = rule_id(ReportedRule::schema_drift),
    .summary = "The schema the migrations produce differs from the models",
    .default_severity = Severity::error,
    .category = RuleCategory::validation,
};

}  // namespace

void register_schema_drift(RuleRegistry& registry) { registry.add_reported(kInfo); }

}  // namespace miglint
