#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "linter/diagnostic.hpp"
#include "linter/history.hpp"
#include "linter/migration_set.hpp"
#include "linter/rule_set.hpp"
#include "linter/source_file.hpp"

namespace miglint {

/// Run-wide settings.
struct LintSettings {
  /// Target PostgreSQL major version.
  int pg_version = 15;
  /// Parser threads (0 = one per core).
  size_t jobs = 0;
  /// What to report when a set has a base.
  HistoryScope scope = HistoryScope::changes_since_base;
  /// Down migrations are checked by the rules that predict a failure; with this, by every rule.
  bool all_rules_on_downs = false;
};

/// The outcome of a run: every linted file with its diagnostics.
struct LintResult {
  /// The files, owned here so diagnostics can point into them.
  std::vector<std::unique_ptr<SourceFile>> files;
  /// One entry per file, same order, diagnostics sorted by position.
  std::vector<FileResult> results;
  /// How many statements were parsed in total.
  size_t statement_count = 0;
  /// Findings left out because their migrations were applied at the base, unchanged.
  size_t left_out = 0;
};

/// Parses every script (in parallel), replays each set's up migrations in order into a fresh
/// catalog while running the rules, checks down scripts for syntax errors, and applies
/// suppressions and severities.
LintResult lint_sets(std::vector<MigrationSet> sets, const RuleSet& rules, const LintSettings& settings);

}  // namespace miglint
