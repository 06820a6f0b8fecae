#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "linter/diagnostic.hpp"
#include "linter/history.hpp"
#include "linter/migration_set.hpp"
#include "linter/rule_set.hpp"
#include "rules/builtin_rules.hpp"
#include "validator/checks.hpp"
#include "validator/extensions.hpp"
#include "validator/snapshot.hpp"

namespace miglint::validate {

/// How to run a validation.
struct ValidateOptions {
  /// Directory with the PostgreSQL server programs (default: searched for).
  std::optional<std::filesystem::path> pg_bin;
  /// An existing server to use instead of a private one: a scratch database is created there
  /// and dropped again.
  std::optional<std::string> database_url;
  /// The models of the intended schema, each one or more files (see model_groups()): SQL, a
  /// Prisma schema (its files), or a miglint snapshot (.json).
  std::vector<std::vector<std::filesystem::path>> models;
  /// What counts as a difference.
  Strictness strictness = Strictness::normal;
  /// Per-statement timeout, in the form PostgreSQL's statement_timeout takes.
  std::string statement_timeout = "60s";
  /// Called with a short progress line per step (may be empty).
  std::function<void(const std::string&)> progress;
  /// Apply the up migrations only, and keep the resulting schema (for `miglint schema`).
  bool ups_only = false;
  /// Leave the scratch databases (and the private server) in place for inspection.
  bool keep = false;
  /// Measure each statement of the first application of every up migration (locks, rewrites,
  /// scans, time): MigrationCheck::trace.
  bool trace = false;
  /// Extensions the server lacks that validation stands in for (`--stub-extension`, see
  /// ExtensionStandIn): their CREATE EXTENSION creates the stand-in, and statements that need the
  /// real extension are skipped, each with a stubbed-extension note.
  std::vector<const ExtensionStandIn*> stub_extensions;
  /// With `trace`: the locks, rewrites and scans the linter claims for the statements
  /// (claim_locks()); a measurement that disagrees is reported as lint-trace-mismatch.
  LinterClaims claims;
  /// Production table sizes (`--stats`, `--stats-from`): with `trace` and `rows`, each
  /// statement's time is scaled to them.
  std::map<std::string, double> table_sizes;
  /// Seconds each lock mode may be held at production size (`--max-lock-seconds`).
  std::map<std::string, double> lock_budgets;
  /// Synthetic rows to fill each table with before each checked migration (`--rows`); 0 leaves
  /// the tables empty. With rows, each down is also checked for the data it loses.
  long long rows = 0;
  /// Database sessions used at once: with 2 or more, the models load in their own scratch
  /// databases while the migrations run.
  size_t jobs = 2;
  /// With a base: the migrations applied there (unchanged, at the start of the run order) are
  /// applied up only, from a cached state when the private server has one.
  HistoryScope scope = HistoryScope::changes_since_base;
};

/// What a validation did, for the summary.
struct ValidateSummary {
  /// Up migrations applied (the first time).
  size_t applied = 0;
  /// Down migrations applied and compared.
  size_t downs_checked = 0;
  /// Down migrations that failed to run.
  size_t downs_failed = 0;
  /// Down migrations not checked because the run stopped at a failing up before them.
  size_t downs_skipped = 0;
  /// Down migrations of migrations applied at the base: not checked, by design.
  size_t downs_skipped_at_base = 0;
  /// Migrations applied at the base, applied up only (their downs are not checked).
  size_t base_applied = 0;
  /// True when their state came from the cache instead of being applied.
  bool base_from_cache = false;
  /// Objects that differ from the models.
  size_t drift = 0;
  /// Tables filled with synthetic rows (`--rows`).
  size_t tables_filled = 0;
  /// Tables that hold fewer synthetic rows than asked for, and why.
  std::vector<std::string> seed_notes;
  /// Seconds spent filling tables, emptying them for a retry, and reading their data.
  double seed_seconds = 0;
  /// Seconds spent starting the server and creating databases.
  double setup_seconds = 0;
  /// Seconds spent applying migrations.
  double apply_seconds = 0;
  /// Seconds spent reading and comparing schemas.
  double compare_seconds = 0;
};

/// Findings of a validation, in the same shape as a lint.
struct ValidateResult {
  /// Every file of the set plus the model files.
  std::vector<std::unique_ptr<SourceFile>> files;
  /// One entry per file.
  std::vector<FileResult> results;
  /// Counts and timings.
  ValidateSummary summary;
  /// One entry per migration in run order (migrations without an up are left out).
  std::vector<MigrationCheck> checks;
  /// With ups_only: the schema after the last migration that applied.
  std::optional<Snapshot> final_schema;
  /// With keep: how to connect to what was kept, and how to remove it.
  std::vector<std::string> kept;
};

/// A snapshot as JSON: `{"version": 1, "objects": {key: definition}}` (what `miglint schema`
/// writes and `--models` reads back).
std::string snapshot_to_json(const Snapshot& snapshot);

/// Applies the set to a disposable database the way its runner would: for each migration up,
/// then down (when there is one, checking it restores the schema), then up again (checking it
/// gives the same schema); finally compares the schema with the models. Throws Error for problems
/// with the run (no server, no privilege to create a database).
ValidateResult validate(MigrationSet set, const ValidateOptions& options, const RuleSet& rules);

}  // namespace miglint::validate
