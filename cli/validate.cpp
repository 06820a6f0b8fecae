#include <fmt/format.h>
#include <unistd.h>

#include <iostream>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "linter/error.hpp"
#include "linter/history.hpp"
#include "rules/builtin_rules.hpp"
#include "validator/cleanup.hpp"
#include "validator/cost.hpp"
#include "validator/extensions.hpp"
#include "validator/models.hpp"
#include "validator/validator.hpp"

namespace miglint::cli {

namespace {

std::string stub_extension_help() {
  return fmt::format("an extension the server lacks that validation stands in for, so it goes on past CREATE EXTENSION "
                     "(repeatable; known: {}): what can stand in honestly is created (pgvector's types keep their "
                     "dimensions), the extension's functions, operators and index methods are not, statements that need "
                     "them are skipped, and each is reported as a stubbed-extension note",
                     validate::stand_in_names());
}

Command validate_command() {
  Command command({
      .name = "validate",
      .synopsis = "miglint validate [OPTIONS] [DIR]",
      .description = "Applies the migrations to a disposable PostgreSQL the way their runner would: each\n"
                     "migration up, then down (checking the schema is restored), then up again (checking it is\n"
                     "the same), then compares the final schema with the models. miglint.toml, --select,\n"
                     "--ignore and `-- miglint-ignore` comments apply to its findings as they do to lint's.",
      .formats = reporter_names(),
      .paths = Paths::one_directory,
      .paths_help = "DIR  the migration directory (default: the current directory)",
      .shared = {Shared::output, Shared::rules, Shared::fail_on, Shared::color, Shared::layout, Shared::server},
  });
  namespace po = boost::program_options;
  command.add_options()
    ("models", po::value<std::vector<std::string>>()->composing(), "the intended schema: a SQL file, a schema.prisma or a folder of .prisma files (all .prisma given form one "
     "Prisma schema), drizzle-kit's newest meta/NNNN_snapshot.json, diesel's src/schema.rs, or a snapshot from "
     "`miglint schema` (repeatable)")
    ("strict", po::value<std::string>()->default_value("normal"), "normal, or all (also column order, extension versions, owners and grants)")
    ("statement-timeout", po::value<std::string>()->default_value("60s"), "statement_timeout for every migration statement")
    ("jobs,j", po::value<int>()->default_value(2), "database sessions at once: with 2 or more, the models load while the migrations run, and --rows fills two tables at a time")
    ("keep", "leave the scratch database (and the private server) running for inspection; prints how to reach and remove them")
    ("base", po::value<std::string>(), "git revision with the migrations already applied (e.g. origin/main): those are applied up only, from a cached state on the private server, and only the migrations added or changed since get up, down, up (default: the directory's miglint.sum, if any)")
    ("whole-history", "with a base, still check every migration's down")
    ("trace", "measure every statement of the up migrations on the server: the locks it takes (pg_locks, before its transaction ends), the tables and indexes it rewrites (new relfilenode), the tables it scans, its time and rows; shown per migration in the text, Markdown, JSON and HTML reports, each with the lock the linter claims for it and whether the server agreed (lint-trace-mismatch when not). A statement the runner sends outside a transaction runs in one of its own for this; CONCURRENTLY and the like are measured for rewrites only")
    ("stats", po::value<std::string>(), "production table sizes for --trace --rows: a JSON object of table name -> rows ({\"orders\": 120000000}); each statement that rewrites or scans a table under a lock is timed on the synthetic rows and scaled to its size")
    ("stats-from", po::value<std::string>(), "like --stats, read from a production server: only pg_class.reltuples, in a read-only transaction, no table data")
    ("max-lock-seconds", po::value<std::vector<std::string>>()->composing(), "MODE=SECONDS (repeatable, e.g. AccessExclusiveLock=5): with --stats, a lock estimated to be held longer at production size is a lock-over-budget finding; a budget also bounds the stronger modes")
    ("stub-extension", po::value<std::vector<std::string>>()->composing(), stub_extension_help().c_str())
    ("rows", po::value<long long>()->implicit_value(1000), "before each checked migration, fill every table that has no synthetic rows yet with N of them (1000 when N is left out): NULLs in nullable columns, repeated values where no unique index forbids them, non-numeric text, foreign keys pointing at real rows. Migrations then fail where data makes them fail (SET NOT NULL over NULLs, a unique index over duplicates, a cast of text), and each down is checked for the rows and values it does not give back (down-loses-data)");
  return command;
}

// Boost reads the token after an option with an implicit value as its value, so `--rows DIR`
// would read the directory as the row count: a --rows not followed by a number gets its default
// written out here.
std::vector<std::string> with_rows_default(std::vector<std::string> args) {
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] != "--rows") continue;
    const bool number_follows = i + 1 < args.size() && !args[i + 1].empty() &&
                                args[i + 1].find_first_not_of("0123456789") == std::string::npos;
    if (!number_follows) args[i] = "--rows=1000";
  }
  return args;
}

validate::ValidateOptions validate_options(const Command& command) {
  validate::ValidateOptions settings;
  if (const auto bin = command.string("pg-bin")) settings.pg_bin = *bin;
  settings.database_url = command.string("database-url");
  if (command.has("models")) {
    std::vector<std::filesystem::path> models;
    for (const std::string& model : command.values()["models"].as<std::vector<std::string>>()) models.emplace_back(model);
    settings.models = validate::model_groups(models);
  }
  const std::string strict = *command.string("strict");
  if (strict != "normal" && strict != "all") throw Error(fmt::format("--strict must be normal or all, not `{}`", strict));
  settings.strictness = strict == "all" ? validate::Strictness::all : validate::Strictness::normal;
  settings.statement_timeout = *command.string("statement-timeout");
  settings.keep = command.has("keep");
  settings.trace = command.has("trace");
  if (command.has("stub-extension")) {
    for (const std::string& name : command.values()["stub-extension"].as<std::vector<std::string>>()) {
      const validate::ExtensionStandIn* stand_in = validate::extension_stand_in(name);
      if (stand_in == nullptr) {
        throw Error(fmt::format("--stub-extension {}: miglint has no stand-in for it (it has one for: {})", name,
                                validate::stand_in_names()));
      }
      settings.stub_extensions.push_back(stand_in);
    }
    if (settings.trace) throw Error("--stub-extension and --trace cannot be combined yet: skipped statements are not measured");
  }
  if (const auto stats = command.string("stats")) settings.table_sizes = validate::read_table_sizes(*stats);
  if (const auto url = command.string("stats-from")) settings.table_sizes = validate::read_table_sizes_from(*url);
  if (command.has("max-lock-seconds")) {
    for (const std::string& budget : command.values()["max-lock-seconds"].as<std::vector<std::string>>()) {
      settings.lock_budgets.insert(validate::parse_lock_budget(budget));
    }
  }
  if (command.has("rows")) {
    settings.rows = command.values()["rows"].as<long long>();
    if (settings.rows < 0 || settings.rows > 10'000'000) throw Error(fmt::format("--rows must be between 0 and 10000000, not {}", settings.rows));
  }
  if (!settings.table_sizes.empty() && (!settings.trace || settings.rows <= 0)) {
    throw Error("--stats and --stats-from scale the times of --trace measured on --rows: give both");
  }
  settings.jobs = static_cast<size_t>(std::max(1, command.values()["jobs"].as<int>()));
  settings.scope = command.has("whole-history") ? HistoryScope::whole_history : HistoryScope::changes_since_base;
  if (command.format() == "text" && ::isatty(STDERR_FILENO) == 1) {
    settings.progress = [](const std::string& line) { std::cerr << "\r\x1b[K" << line << std::flush; };
  }
  return settings;
}

}  // namespace

int run_validate(const Invocation& call) {
  Command command = validate_command();
  if (!command.parse(with_rows_default(call.args), call.out)) return 0;
  validate::Cleanups::instance().watch_signals();
  const std::string directory = command.directory();
  const RuleRegistry& registry = builtin_rules();
  const Config config = effective_config(command, registry);
  const RuleSet rules = rule_set_of(command, config, registry);
  const ReportWriter reports(command);
  const std::optional<Severity> fail_on = fail_on_of(command, config);
  const bool color = use_color(command, !command.has("output") && ::isatty(STDOUT_FILENO) == 1);
  validate::ValidateOptions settings = validate_options(command);
  const std::optional<LayoutId> layout = command.layout() ? command.layout() : config.layout;
  MigrationSet set = load_migration_directory(directory, {}, layout);
  if (settings.trace) {
    // The linter's claims, from its own replay of the same files, for lint-trace-mismatch.
    settings.claims = claim_locks(load_migration_directory(directory, {}, layout), config.pg_version.value_or(15));
  }
  attach_base(set, command.string("base"));
  const std::string summary_head =
      fmt::format("{}: {} layout, {} migrations", set.root, to_string(set.layout), set.migrations.size());
  const std::string base_label = set.base ? set.base->label : "";
  const validate::ValidateResult result = validate::validate(std::move(set), settings, rules);
  if (settings.progress) std::cerr << "\r\x1b[K" << std::flush;
  const validate::ValidateSummary& s = result.summary;
  std::vector<std::string> notes = {summary_head};
  if (s.base_applied > 0) {
    notes.push_back(fmt::format("{} migrations applied at {} were applied up only{}; their {} downs were not checked "
                                "(--whole-history checks them)",
                                s.base_applied, base_label, s.base_from_cache ? ", from the cached state" : "",
                                s.downs_skipped_at_base));
  }
  notes.push_back(
      fmt::format("validated: {} migrations applied, {} downs checked, {} failed, {} skipped{}, {} drifted objects; "
                  "setup {:.2f} s, apply {:.2f} s, compare {:.2f} s",
                  s.applied, s.downs_checked, s.downs_failed, s.downs_skipped,
                  s.downs_skipped > 0 ? " (after a failing up migration, which stops the runner)" : "", s.drift,
                  s.setup_seconds, s.apply_seconds, s.compare_seconds));
  if (settings.rows > 0) {
    notes.push_back(fmt::format("synthetic data: {} tables filled with {} rows each (--rows), {:.2f} s filling, emptying and reading them",
                                s.tables_filled, settings.rows, s.seed_seconds));
    for (const std::string& note : s.seed_notes) notes.push_back("  " + note);
  }
  for (const std::string& kept : result.kept) std::cerr << "miglint: " << kept << "\n";
  ReportInput report{&result.results, &registry, color, 0, std::move(notes)};
  report.checks = &result.checks;
  reports.write(report, call.out);
  return exit_code_for(result.results, fail_on);
}

}  // namespace miglint::cli
