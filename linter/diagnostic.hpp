#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "linter/source_file.hpp"

namespace miglint {

/// How serious a finding is; ordered so that `a >= b` means "at least as serious".
enum class Severity { note, warning, error };

/// `note`, `warning` or `error`.
std::string_view to_string(Severity severity);
/// Parses `note`, `warning` or `error`; anything else gives nullopt.
std::optional<Severity> parse_severity(std::string_view text);

/// Replace the bytes of `range` with `replacement` (an insertion when the range is empty).
struct Edit {
  /// Bytes to replace.
  TextRange range;
  /// Text to put there.
  std::string replacement;
};

/// Whether a fix can be applied without a person checking it.
enum class FixSafety { safe, unsafe };

/// A machine-applicable change that resolves a diagnostic.
struct Fix {
  /// Imperative one-line description, e.g. "Insert CONCURRENTLY".
  std::string title;
  /// `safe` fixes are applied by `miglint fix`; `unsafe` ones only with `--unsafe-fixes`.
  FixSafety safety = FixSafety::safe;
  /// Non-overlapping edits in the same file.
  std::vector<Edit> edits;
};

/// Another place worth looking at, e.g. the migration that created the table.
struct RelatedLocation {
  /// Path of the file, as displayed.
  std::string path;
  /// Byte range in that file.
  TextRange range;
  /// What that place is.
  std::string message;
};

/// One finding in one file. Ranges are bytes; reporters turn them into lines and columns.
/// What a finding says its statement does to the rows of an existing table, for
/// `validate --trace` to hold it to (lint-trace-mismatch).
struct PredictedEffect {
  /// Rewrite: the table gets a new file (every row copied). Scan: every row is read.
  enum class Kind { rewrite, scan };
  /// Which of the two.
  Kind kind = Kind::scan;
  /// The table's name as PostgreSQL stores it, without schema.
  std::string table;
};

/// The blocking lock a statement takes, as the linter predicts it (carried by the lock-claim
/// recorder's findings, for `validate --trace`).
struct PredictedLockClaim {
  /// The mode as SQL names it: `ACCESS EXCLUSIVE`, `SHARE`, ...
  std::string mode;
  /// The relation's name as PostgreSQL stores it, without schema; empty when not named.
  std::string relation;
  /// A `DROP ... IF EXISTS`, which locks nothing when its object is not there.
  bool if_exists = false;
  /// A statement of a DO block's body that always runs: the trace measures the DO as a whole.
  bool in_do_block = false;
};

struct Diagnostic {
  /// Rule id, kebab-case (also `syntax-error`, `unknown-suppression`, ...).
  std::string rule;
  /// Effective severity after configuration.
  Severity severity = Severity::warning;
  /// The offending clause.
  TextRange range;
  /// What is wrong, naming the objects involved.
  std::string message;
  /// How to do it safely instead (may be empty).
  std::string help;
  /// An optional machine-applicable fix.
  std::optional<Fix> fix;
  /// Other places that explain the finding.
  std::vector<RelatedLocation> related;
  /// What the finding predicts the statement does to a table's rows, when it says so.
  std::optional<PredictedEffect> effect;
  /// The lock the finding records, for the lock-claim recorder only.
  std::optional<PredictedLockClaim> lock;
};

/// Everything found in one file.
struct FileResult {
  /// The file, shared with the parse results.
  const SourceFile* file = nullptr;
  /// Findings, sorted by position.
  std::vector<Diagnostic> diagnostics;
};

}  // namespace miglint
