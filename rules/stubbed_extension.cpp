#include "linter/reported_rule.hpp"
#include "linter/rule_registry.hpp"

namespace miglint {

// Reported by `miglint validate` (validator/validator.cpp) from a real PostgreSQL; nothing to lint.
namespace {

constexpr RuleInfo kInfo{
    .id = rule_id(ReportedRule::stubbed_extension),
    .summary = "A statement that validate --stub-extension replaced with a stand-in or skipped",
    .default_severity = Severity::note,
    .category = RuleCategory::validation,
};

}  // namespace

void register_stubbed_extension(RuleRegistry& registry) { registry.add_reported(kInfo); }

}  // namespace miglint
