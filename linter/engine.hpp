#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "linter/config.hpp"
#include "linter/diagnostic.hpp"
#include "linter/migration_set.hpp"
#include "linter/source_file.hpp"
#include "rules/registry.hpp"

namespace miglint {

/// The rules of one run, configured: which are on, at what severity, with which options.
class RuleSet {
 public:
  /// Applies, in order: the default set (rules that are not opt-in), `select` (command line,
  /// else config), config `[rules.<id>]` enabled/severity, then `ignore` (config and command
  /// line). Throws Error for an unknown id.
  RuleSet(const RuleRegistry& registry, const Config& config, const std::optional<std::vector<std::string>>& select,
          const std::vector<std::string>& ignore);

  /// True when diagnostics of `id` are reported in this run.
  bool enabled(std::string_view id) const;
  /// The severity `[rules.<id>] severity` sets for every finding of `id`, if any. Without one,
  /// findings keep the severity their rule gave them (usually the rule's default).
  std::optional<Severity> configured_severity(std::string_view id) const;
  /// The enabled rules, instantiated with their options.
  const std::vector<std::unique_ptr<Rule>>& rules() const { return rules_; }

 private:
  std::map<std::string, std::optional<Severity>, std::less<>> enabled_;
  std::vector<std::unique_ptr<Rule>> rules_;
};

/// Run-wide settings.
struct LintSettings {
  /// Target PostgreSQL major version.
  int pg_version = 15;
  /// Parser threads (0 = one per core).
  size_t jobs = 0;
};


/// The outcome of a run: every linted file with its diagnostics.
struct LintResult {
  /// The files, owned here so diagnostics can point into them.
  std::vector<std::unique_ptr<SourceFile>> files;
  /// One entry per file, same order, diagnostics sorted by position.
  std::vector<FileResult> results;
  /// How many statements were parsed in total.
  size_t statement_count = 0;
};

/// Parses every script (in parallel), replays each set's up migrations in order into a fresh
/// catalog while running the rules, checks down scripts for syntax errors, and applies
/// suppressions and severities.
LintResult lint_sets(std::vector<MigrationSet> sets, const RuleSet& rules, const LintSettings& settings);

/// Reads a file into a SourceFile displayed as `path`; throws Error when it cannot be read.
std::unique_ptr<SourceFile> read_source_file(const std::string& path);

}  // namespace miglint
