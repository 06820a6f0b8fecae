#include "linter/reported_rule.hpp"
#include "linter/rule_registry.hpp"

namespace miglint {

// Reported by `miglint validate` (validator/validator.cpp) from a real PostgreSQL; nothing to lint.
namespace {

constexpr RuleInfo kInfo{
    .id = rule_id(ReportedRule::migration_failed),
    .summary = "A migration (or its down) that PostgreSQL refuses when miglint validate applies it",
    .default_severity = Severity::error,
    .category = RuleCategory::validation,
};

}  // namespace

void register_migration_failed(RuleRegistry& registry) { registry.add_reported(kInfo); }

}  // namespace miglint
