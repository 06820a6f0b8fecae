#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rules/rule.hpp"

namespace miglint {

/// A registered rule: metadata, embedded docs, and a factory taking its options.
struct RuleEntry {
  /// Static metadata (lives as long as the program).
  const RuleInfo* info = nullptr;
  /// The rule's Markdown documentation.
  std::string_view doc;
  /// Creates an instance configured with `options` (throws Error on a bad option).
  std::function<std::unique_ptr<Rule>(const RuleOptions&)> create;
};

/// All rules, sorted by id. Built once from rules/rule_list.def.
class RuleRegistry {
 public:
  /// The built-in rules.
  static const RuleRegistry& builtin();

  /// Registers rule type `R`, constructible from `const RuleOptions&`.
  template <class R>
  void add(const RuleInfo& info) {
    entries_.push_back({&info, {}, [](const RuleOptions& options) { return std::make_unique<R>(options); }});
  }

  /// Registers a rule whose findings the engine itself reports (syntax errors, suppressions):
  /// it has metadata and docs but nothing to check.
  void add_reported_by_engine(const RuleInfo& info);

  /// The entry for `id`, or null.
  const RuleEntry* find(std::string_view id) const;
  /// Every entry, sorted by id.
  const std::vector<RuleEntry>& entries() const { return entries_; }

 private:
  std::vector<RuleEntry> entries_;
};

/// The Markdown table of every rule (the README's rules table, `miglint rules --format markdown`).
std::string rules_markdown_table(const RuleRegistry& registry);

/// A diagnostic of a registered rule with that rule's default severity, for findings the engine
/// or the validator report themselves (syntax errors, suppressions, validation).
Diagnostic reported_diagnostic(std::string_view rule, TextRange range, std::string message, std::string help);

/// `adding-required-field` -> `adding_required_field`.
std::string snake_case(std::string_view kebab_id);

/// Ids that the engine itself reports (they have docs but no check).
namespace builtin_rule {
/// A statement PostgreSQL's grammar rejects, or a file that is not SQL text.
inline constexpr std::string_view syntax_error = "syntax-error";
/// A suppression comment naming a rule that does not exist.
inline constexpr std::string_view unknown_suppression = "unknown-suppression";
/// A suppression comment that suppressed nothing.
inline constexpr std::string_view unused_suppression = "unused-suppression";
}  // namespace builtin_rule

}  // namespace miglint
