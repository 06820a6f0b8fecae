#include "linter/reported_rule.hpp"
#include "linter/rule_registry.hpp"

namespace miglint {

// Reported by `miglint validate` (validator/validator.cpp) from a real PostgreSQL; nothing to lint.
namespace {

constexpr RuleInfo kInfo{
    .id = rule_id(ReportedRule::lint_trace_mismatch),
    .summary = "validate --trace measured another lock than the linter claims for a statement",
    .default_severity = Severity::note,
    .category = RuleCategory::validation,
};

}  // namespace

void register_lint_trace_mismatch(RuleRegistry& registry) { registry.add_reported(kInfo); }

}  // namespace miglint
