#pragma once

#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "cli/command.hpp"
#include "linter/config.hpp"
#include "linter/diagnostic.hpp"
#include "linter/migration_set.hpp"
#include "linter/rule_set.hpp"
#include "reporters/reporter.hpp"

namespace miglint::cli {

/// The config of a run: none with `--no-config`, the `--config` file, or the miglint.toml found
/// by walking up from the current directory.
Config effective_config(const Command& command, const RuleRegistry& registry);

/// The run's rules: the config, then `--select` and `--ignore` (comma-separated, repeatable).
RuleSet rule_set_of(const Command& command, const Config& config, const RuleRegistry& registry);

/// `--pg-version`, else `pg_version` from the config, else 15; throws Error outside the range.
int pg_version_of(const Command& command, const Config& config);

/// `--fail-on`, else `fail_on` from the config, else error; nullopt for `--fail-on never`.
std::optional<Severity> fail_on_of(const Command& command, const Config& config);

/// Whether the text report gets colours (`--color`, `--no-color`, NO_COLOR, a terminal).
bool use_color(const Command& command, bool to_terminal);

/// The migration sets the paths name: one per directory, plus one for loose files and stdin.
/// Applies `--layout`, `--base` and the config's `exclude`.
std::vector<MigrationSet> load_inputs(const Command& command, const Config& config, std::istream& in);

/// One line per migration directory for the text report: what miglint understood.
std::vector<std::string> set_summaries(const std::vector<MigrationSet>& sets);

/// The bases the sets are compared with (`origin/main`, `miglint.sum`), each once.
std::vector<std::string> base_labels(const std::vector<MigrationSet>& sets);

/// 1 when any finding is at or above `fail_on`, else 0 (always 0 for `never`, nullopt).
int exit_code_for(const std::vector<FileResult>& results, std::optional<Severity> fail_on);

/// The reports a run writes: `--format` to `--output` or to the command's output stream, and
/// each `--report FORMAT=FILE`.
class ReportWriter {
 public:
  /// Reads and checks the options before the run, so a mistyped one fails fast; throws Error.
  explicit ReportWriter(const Command& command);
  /// Writes every report. Files appear only once all of them are complete, so a failed run
  /// leaves neither a partial file nor a mix of old and new reports.
  void write(ReportInput input, std::ostream& out) const;

 private:
  struct FileReport {
    std::unique_ptr<Reporter> reporter;
    std::string path;
  };
  std::unique_ptr<Reporter> main_;
  std::optional<std::string> output_;
  std::vector<FileReport> files_;
  std::string link_prefix_;
};

}  // namespace miglint::cli
