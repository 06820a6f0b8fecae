#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "linter/config.hpp"
#include "linter/diagnostic.hpp"
#include "linter/reported_rule.hpp"
#include "linter/rule_registry.hpp"

namespace miglint {

/// The rules of one run, configured: which are on, at what severity, with which options. `lint`
/// and `validate` build it the same way, so select, ignore, severities and suppressions behave
/// the same in both.
class RuleSet {
 public:
  /// Applies, in order: the default set (rules that are not opt-in), `select` (command line,
  /// else config), config `[rules.<id>]` enabled/severity, then `ignore` (config and command
  /// line). Throws Error for an unknown id, and for a ReportedRule the registry lacks.
  RuleSet(const RuleRegistry& registry, const Config& config, const std::optional<std::vector<std::string>>& select,
          const std::vector<std::string>& ignore);

  /// True when diagnostics of `id` are reported in this run.
  bool enabled(std::string_view id) const;
  /// The severity `[rules.<id>] severity` sets for every finding of `id`, if any. Without one,
  /// findings keep the severity their rule gave them (usually the rule's default).
  std::optional<Severity> configured_severity(std::string_view id) const;
  /// The enabled rules, instantiated with their options.
  const std::vector<std::unique_ptr<Rule>>& rules() const { return rules_; }
  /// Every rule the run could use, enabled or not (for suppressions naming a rule).
  const RuleRegistry& registry() const { return *registry_; }
  /// A finding of a rule the engine or the validator report, with that rule's default severity.
  Diagnostic diagnostic(ReportedRule rule, TextRange range, std::string message, std::string help = {}) const;

 private:
  const RuleRegistry* registry_;
  std::map<std::string, std::optional<Severity>, std::less<>> enabled_;
  std::vector<std::unique_ptr<Rule>> rules_;
};

}  // namespace miglint
