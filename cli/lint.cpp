#include <fmt/format.h>
#include <fmt/ranges.h>
#include <unistd.h>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "linter/engine.hpp"
#include "linter/error.hpp"
#include "rules/builtin_rules.hpp"

namespace miglint::cli {

namespace {

Command lint_command() {
  Command command({
      .name = "lint",
      .synopsis = "miglint lint [OPTIONS] [PATH...]",
      .formats = reporter_names(),
      .paths = Paths::any,
      .paths_help = "PATH  migration files, directories or globs; - reads stdin",
      .shared = {Shared::output, Shared::rules, Shared::fail_on, Shared::color, Shared::layout},
      .epilogue = "A directory is one migration set, replayed in version order. Config: miglint.toml,\n"
                  "found by walking up from the current directory (see README). Exit codes: 0 clean, 1 findings\n"
                  "at or above --fail-on, 2 usage/config/IO error.\n",
  });
  namespace po = boost::program_options;
  command.add_options()
    ("pg-version", po::value<std::string>(), "target PostgreSQL version, e.g. 15 or 15.4: only the major version matters (default 15, or pg_version in miglint.toml)")
    ("jobs,j", po::value<int>()->default_value(0), "parser threads (0 = one per core)")
    ("stdin-filename", po::value<std::string>(), "name to report for input read from - (stdin)")
    ("base", po::value<std::string>(), "git revision with the migrations already applied (e.g. origin/main): report only migrations added or changed since, plus edited, deleted and out-of-order ones (default: the directory's miglint.sum, if any)")
    ("whole-history", "with a base, still report findings in migrations that were already applied");
  return command;
}

}  // namespace

int run_lint(const Invocation& call) {
  Command command = lint_command();
  if (!command.parse(call.args, call.out)) return 0;
  if (command.paths().empty()) {
    throw Error("nothing to lint: give migration files, directories or globs, or - to read stdin (see `miglint lint --help`)");
  }
  const RuleRegistry& registry = builtin_rules();
  const Config config = effective_config(command, registry);
  const ReportWriter reports(command);
  const RuleSet rules = rule_set_of(command, config, registry);
  const LintSettings settings{pg_version_of(command, config),
                              static_cast<size_t>(std::max(0, command.values()["jobs"].as<int>())),
                              command.has("whole-history") ? HistoryScope::whole_history : HistoryScope::changes_since_base,
                              config.lint_downs_with_all_rules.value_or(false)};
  const std::optional<Severity> fail_on = fail_on_of(command, config);
  const bool color = use_color(command, !command.has("output") && ::isatty(STDOUT_FILENO) == 1);

  std::vector<MigrationSet> sets = load_inputs(command, config, call.in);
  std::vector<std::string> notes = set_summaries(sets);
  const std::vector<std::string> bases = base_labels(sets);
  const LintResult result = lint_sets(std::move(sets), rules, settings);
  if (result.left_out > 0) {
    notes.push_back(fmt::format("{} finding{} in migrations already applied at {} left out (--whole-history shows them)",
                                result.left_out, result.left_out == 1 ? "" : "s", fmt::join(bases, ", ")));
  }

  const ReportInput report{&result.results, &registry, color, result.statement_count, std::move(notes)};
  reports.write(report, call.out);
  return exit_code_for(result.results, fail_on);
}

}  // namespace miglint::cli
