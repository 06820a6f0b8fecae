#pragma once

#include <string>
#include <string_view>

#include "validator/trace.hpp"

namespace miglint::validate {

/// How one step of a migration's check ended.
enum class StepOutcome {
  not_run,  ///< not reached (an earlier up failed), or nothing to run (no down)
  passed,   ///< ran, and the schema is what it should be
  failed,   ///< the script raised an error
  differs,  ///< ran, but the schema is not what it should be
  skipped,  ///< could not be checked in isolation (inside a runner's one-transaction run)
};

/// `passed`, `failed`, ... for reports.
std::string_view to_string(StepOutcome outcome);

/// What the validator did with one migration: up; then down (back to the schema before the up);
/// then up again (the same schema as the first up). Reports show one row per migration.
struct MigrationCheck {
  /// The version as written.
  std::string version;
  /// The description part of the name.
  std::string name;
  /// The up file, as displayed.
  std::string file;
  /// Applied at the base (`--base`): up only, possibly from the cached state.
  bool at_base = false;
  /// The first application.
  StepOutcome up = StepOutcome::not_run;
  /// The down, compared with the schema before the up.
  StepOutcome down = StepOutcome::not_run;
  /// The up again, compared with the schema of the first up.
  StepOutcome reapply = StepOutcome::not_run;
  /// Seconds each step took (0 when it did not run).
  double up_seconds = 0;
  /// Seconds the down took.
  double down_seconds = 0;
  /// Seconds the second up took.
  double reapply_seconds = 0;
  /// With `--trace`: what each statement of the first up did on the server, in order (up to the
  /// one that failed).
  std::vector<StatementTrace> trace;

  /// How reports name it: `1 add_users`, or just the name when it starts with the version (plain
  /// files are named by their whole stem).
  std::string label() const {
    if (name.empty()) return version;
    return name.starts_with(version) ? name : version + " " + name;
  }
};

}  // namespace miglint::validate
