#include <iostream>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "linter/output_file.hpp"
#include "rules/builtin_rules.hpp"
#include "validator/cleanup.hpp"
#include "validator/validator.hpp"

namespace miglint::cli {

int run_schema(const Invocation& call) {
  Command command({
      .name = "schema",
      .synopsis = "miglint schema [OPTIONS] [DIR]",
      .description = "Applies the up migrations to a disposable PostgreSQL and prints the resulting schema as\n"
                     "JSON (a miglint snapshot). Commit it to review schema changes as a diff, and pass it to\n"
                     "`miglint validate --models`.",
      .formats = {"json"},
      .paths = Paths::one_directory,
      .paths_help = "DIR  the migration directory (default: the current directory)",
      .shared = {Shared::output, Shared::layout, Shared::server},
  });
  if (!command.parse(call.args, call.out)) return 0;
  validate::Cleanups::instance().watch_signals();
  const std::string directory = command.directory();
  validate::ValidateOptions settings;
  settings.ups_only = true;
  if (const auto bin = command.string("pg-bin")) settings.pg_bin = *bin;
  settings.database_url = command.string("database-url");
  // Every finding stops the snapshot, whatever miglint.toml says: the schema would be incomplete.
  const RuleSet rules(builtin_rules(), Config{}, std::nullopt, {});
  const validate::ValidateResult result =
      validate::validate(load_migration_directory(directory, {}, command.layout()), settings, rules);
  if (exit_code_for(result.results, Severity::error) != 0) {
    // The schema is incomplete: show why on stderr, and write no snapshot.
    const ReportInput report{&result.results, &builtin_rules(), false, 0, {}};
    make_reporter("text")->write(report, std::cerr);
    return 1;
  }
  const std::string json = validate::snapshot_to_json(*result.final_schema);
  if (const std::optional<std::string> path = command.string("output")) {
    AtomicOutputFile file(*path);
    file.stream() << json;
    file.commit();
  } else {
    call.out << json;
  }
  return 0;
}

}  // namespace miglint::cli
