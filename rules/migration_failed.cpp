#include "rules/registry.hpp"

namespace miglint {

// Reported by `miglint validate` (validator/validator.cpp) from a real PostgreSQL; nothing to lint.
namespace {

constexpr RuleInfo kInfo{
    .id = "migration-failed",
    .summary = "A migration (or its down) that PostgreSQL refuses when miglint validate applies it",
    .default_severity = Severity::error,
    .category = RuleCategory::validation,
};

}  // namespace

void register_migration_failed(RuleRegistry& registry) { registry.add_reported_by_engine(kInfo); }

}  // namespace miglint
