#include "rules/registry.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "unused-suppression",
    .summary = "A miglint-ignore comment that suppresses nothing",
    .default_severity = Severity::warning,
    .category = RuleCategory::meta,
};

// Reported by the engine after suppressions have been applied.
class UnusedSuppression final : public Rule {
 public:
  explicit UnusedSuppression(const RuleOptions& /*options*/) : Rule(kInfo) {}
};

}  // namespace

void register_unused_suppression(RuleRegistry& registry) { registry.add<UnusedSuppression>(kInfo); }

}  // namespace miglint
