#include "rules/registry.hpp"

namespace miglint {

// Reported by `miglint validate` (validator/validator.cpp) from a real PostgreSQL; nothing to lint.
namespace {

constexpr RuleInfo kInfo{
    .id = "schema-drift",
    .summary = "The schema the migrations produce differs from the models",
    .default_severity = Severity::error,
    .category = RuleCategory::validation,
};

}  // namespace

void register_schema_drift(RuleRegistry& registry) { registry.add_reported_by_engine(kInfo); }

}  // namespace miglint
