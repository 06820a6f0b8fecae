#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "linter/rule.hpp"

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

/// The rules a run can choose from, sorted by id. The engine knows no rule by name: the built-in
/// list is assembled one floor up, in rules/builtin_rules.cpp, from rules/rule_list.def.
class RuleRegistry {
 public:
  /// Registers rule type `R`, constructible from `const RuleOptions&`.
  template <class R>
  void add(const RuleInfo& info) {
    entries_.push_back({&info, {}, [](const RuleOptions& options) { return std::make_unique<R>(options); }});
  }

  /// Registers a rule whose findings the engine or the validator report themselves (see
  /// ReportedRule): it has metadata and docs but nothing to check.
  void add_reported(const RuleInfo& info);

  /// Attaches documentation to the entry of `id` (ignored when there is none).
  void set_doc(std::string_view id, std::string_view doc);
  /// Sorts the entries by id; call once every rule is added.
  void seal();

  /// The entry for `id`, or null.
  const RuleEntry* find(std::string_view id) const;
  /// Every entry, sorted by id.
  const std::vector<RuleEntry>& entries() const { return entries_; }

 private:
  std::vector<RuleEntry> entries_;
};

/// The Markdown table of every rule (the README's rules table, `miglint rules --format markdown`).
std::string rules_markdown_table(const RuleRegistry& registry);

/// `adding-required-field` -> `adding_required_field`.
std::string snake_case(std::string_view kebab_id);

}  // namespace miglint
