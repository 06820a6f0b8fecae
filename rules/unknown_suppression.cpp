#include "rules/registry.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "unknown-suppression",
    .summary = "A miglint-ignore comment names a rule that does not exist",
    .default_severity = Severity::warning,
    .category = RuleCategory::meta,
};

// Reported by the engine while it reads suppression comments.
class UnknownSuppression final : public Rule {
 public:
  explicit UnknownSuppression(const RuleOptions& /*options*/) : Rule(kInfo) {}
};

}  // namespace

void register_unknown_suppression(RuleRegistry& registry) { registry.add<UnknownSuppression>(kInfo); }

}  // namespace miglint
