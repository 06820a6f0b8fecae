#include "linter/reported_rule.hpp"
#include "linter/rule_registry.hpp"

namespace miglint {

// Reported by `miglint validate` (validator/validator.cpp) from a real PostgreSQL; nothing to lint.
namespace {

constexpr RuleInfo kInfo{
    .id = rule_id(ReportedRule::undescribed_by_model),
    .summary = "Objects the migrations create that the model cannot describe, listed once and not compared",
    .default_severity = Severity::note,
    .category = RuleCategory::validation,
};

}  // namespace

void register_undescribed_by_model(RuleRegistry& registry) { registry.add_reported(kInfo); }

}  // namespace miglint
