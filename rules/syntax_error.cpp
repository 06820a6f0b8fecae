#include "rules/registry.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "syntax-error",
    .summary = "A statement PostgreSQL's parser rejects, or a file that is not SQL text",
    .default_severity = Severity::error,
    .category = RuleCategory::meta,
};

// Reported by the engine from libpg_query's parse errors; there is nothing to check per statement.
class SyntaxErrorRule final : public Rule {
 public:
  explicit SyntaxErrorRule(const RuleOptions& /*options*/) : Rule(kInfo) {}
};

}  // namespace

void register_syntax_error(RuleRegistry& registry) { registry.add<SyntaxErrorRule>(kInfo); }

}  // namespace miglint
