#include <fmt/format.h>
#include <unistd.h>

#include <iostream>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "linter/engine.hpp"
#include "linter/error.hpp"
#include "linter/fix.hpp"
#include "linter/output_file.hpp"
#include "rules/builtin_rules.hpp"

namespace miglint::cli {

namespace {

Command fix_command() {
  Command command({
      .name = "fix",
      .synopsis = "miglint fix [OPTIONS] [PATH...]",
      .description = "Lints like `miglint lint`, then applies the fixes marked safe to the files, in place (each file\n"
                     "is rewritten atomically, and only when it changes). `--diff` prints the changes as a unified\n"
                     "diff and writes nothing. The findings that remain are reported as lint reports them.",
      .formats = reporter_names(),
      .paths = Paths::any,
      .paths_help = "PATH  migration files or directories; - reads stdin and prints the fixed text",
      .shared = {Shared::rules, Shared::fail_on, Shared::color, Shared::layout},
  });
  namespace po = boost::program_options;
  command.add_options()
    ("diff", "print the fixes as a unified diff instead of writing them")
    ("unsafe-fixes", "also apply the fixes marked unsafe (they change what the migration does: read the diff)")
    ("pg-version", po::value<std::string>(), "target PostgreSQL version, e.g. 15 or 15.4: only the major version matters (default 15, or pg_version in miglint.toml)")
    ("stdin-filename", po::value<std::string>(), "name to report for input read from - (stdin)")
    ("base", po::value<std::string>(), "git revision with the migrations already applied: fix only the migrations added or changed since");
  return command;
}

}  // namespace

int run_fix(const Invocation& call) {
  Command command = fix_command();
  if (!command.parse(call.args, call.out)) return 0;
  if (command.paths().empty()) {
    throw Error("nothing to fix: give migration files or directories, or - to read stdin (see `miglint fix --help`)");
  }
  const RuleRegistry& registry = builtin_rules();
  const Config config = effective_config(command, registry);
  const RuleSet rules = rule_set_of(command, config, registry);
  const std::unique_ptr<Reporter> reporter = make_reporter(command.format());
  const std::optional<Severity> fail_on = fail_on_of(command, config);
  const bool color = use_color(command, ::isatty(STDOUT_FILENO) == 1);
  const FixSelection selection = command.has("unsafe-fixes") ? FixSelection::include_unsafe : FixSelection::safe_only;
  const bool diff_only = command.has("diff");
  const bool from_stdin = std::find(command.paths().begin(), command.paths().end(), "-") != command.paths().end();

  LintResult result = lint_sets(load_inputs(command, config, call.in), rules,
                                {pg_version_of(command, config), 0, HistoryScope::changes_since_base,
                                 config.lint_downs_with_all_rules.value_or(false)});
  size_t fixed = 0;
  size_t files_changed = 0;
  std::vector<std::string> diffs;
  for (FileResult& file : result.results) {
    const std::vector<Edit> edits = chosen_edits(file.diagnostics, selection);
    if (edits.empty()) continue;
    const std::string text = apply_edits(file.file->text(), edits);
    if (text == file.file->text()) continue;
    const bool is_stdin = from_stdin && file.file->path() == command.string("stdin-filename").value_or("<stdin>");
    if (diff_only) {
      diffs.push_back(unified_diff(*file.file, edits));
    } else if (is_stdin) {
      call.out << text;  // stdin in, fixed text out, like a formatter
    } else {
      AtomicOutputFile output(file.file->path());
      output.stream() << text;
      output.commit();
    }
    fixed += fixed_count(file.diagnostics, selection);
    ++files_changed;
    // What was fixed is no longer a finding.
    std::erase_if(file.diagnostics, [&](const Diagnostic& d) {
      return d.fix && std::any_of(d.fix->edits.begin(), d.fix->edits.end(), [&](const Edit& e) {
        return std::any_of(edits.begin(), edits.end(), [&](const Edit& c) { return c.range == e.range && c.replacement == e.replacement; });
      });
    });
  }
  if (diff_only) {
    for (const std::string& diff : diffs) call.out << diff;
    return fixed > 0 ? 1 : 0;  // like `git diff --exit-code`: 1 when there is something to fix
  }
  std::vector<std::string> notes = {fmt::format("fixed {} finding{} in {} file{}{}", fixed, fixed == 1 ? "" : "s",
                                                files_changed, files_changed == 1 ? "" : "s",
                                                selection == FixSelection::safe_only ? " (safe fixes only; --unsafe-fixes for the rest)" : "")};
  if (from_stdin) {
    std::cerr << "miglint: " << notes[0] << "\n";
    return exit_code_for(result.results, fail_on);
  }
  const ReportInput report{&result.results, &registry, color, result.statement_count, std::move(notes)};
  reporter->write(report, call.out);
  return exit_code_for(result.results, fail_on);
}

}  // namespace miglint::cli
