#include "linter/cli.hpp"

#include <fmt/format.h>
#include <pg_query.h>
#include <unistd.h>

#include <array>
#include <boost/program_options.hpp>
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "linter/config.hpp"
#include "linter/discover.hpp"
#include "linter/engine.hpp"
#include "linter/git.hpp"
#include "linter/history.hpp"
#include "linter/migration_set.hpp"
#include "linter/error.hpp"
#include "linter/output_file.hpp"
#include "validator/cleanup.hpp"
#include "validator/status.hpp"
#include "validator/validator.hpp"
#include "reporters/reporter.hpp"

namespace miglint {

namespace po = boost::program_options;

namespace {

constexpr std::string_view kUsage = R"(miglint - keeps dangerous PostgreSQL migrations out of production

Usage:
  miglint lint [OPTIONS] [PATH...]   lint migration files, directories or globs (- for stdin)
  miglint migrations [DIR...]        list the migrations found, their layout and transaction mode
  miglint sum [DIR...]               write DIR/miglint.sum, the checksums lint compares with
  miglint validate [DIR]             apply the migrations up, down and up again in a disposable
                                     PostgreSQL and compare the schemas (see validate --help)
  miglint status [DIR] --database-url URL
                                     compare a live database's migration history with the files
  miglint schema [DIR]               print the schema the migrations produce, as JSON
  miglint rules [--format FORMAT]    list every rule
  miglint explain RULE               print a rule's documentation
  miglint help [COMMAND]             show help for a command
  miglint --version                  print the version

A directory is one migration set: its *.sql files are replayed in version order, so rules
know which tables already hold data, each column's current type and which indexes exist.

Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it,
            2 usage, configuration, I/O or internal error.

Run `miglint lint --help` for the lint options.
)";

std::vector<std::string> split_ids(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const std::string& value : values) {
    std::stringstream stream(value);
    std::string id;
    while (std::getline(stream, id, ',')) {
      const auto begin = id.find_first_not_of(" \t");
      const auto end = id.find_last_not_of(" \t");
      if (begin != std::string::npos) out.push_back(id.substr(begin, end - begin + 1));
    }
  }
  return out;
}

po::variables_map parse_command(const po::options_description& options, const po::positional_options_description& positional,
                                const std::vector<std::string>& args, std::string_view command) {
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(options).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw Error(fmt::format("{} (see `miglint {} --help`)", e.what(), command));
  }
  return vm;
}

// The value of an optional string option.
std::optional<std::string> optional_string(const po::variables_map& vm, const char* name) {
  return vm.count(name) != 0U ? std::optional(vm[name].as<std::string>()) : std::nullopt;
}

// For commands that work on one migration directory (default: the current one).
std::string single_directory(const po::variables_map& vm, std::string_view command) {
  const std::vector<std::string> paths =
      vm.count("paths") != 0U ? vm["paths"].as<std::vector<std::string>>() : std::vector<std::string>{"."};
  const Inputs inputs = resolve_inputs(paths, {});
  if (inputs.directories.size() != 1 || !inputs.files.empty()) {
    throw Error(fmt::format("miglint {} takes one migration directory", command));
  }
  return inputs.directories[0];
}

po::options_description lint_options() {
  po::options_description options("miglint lint [OPTIONS] [PATH...]\n\nOptions");
  options.add_options()
    ("help,h", "show this help")
    ("format", po::value<std::string>()->default_value("text"), "output format: text, json, sarif, github, gitlab, junit")
    ("output,o", po::value<std::string>(), "write the report to FILE (written only when the run completes)")
    ("config", po::value<std::string>(), "use this miglint.toml instead of searching the current directory and its parents")
    ("no-config", "ignore every miglint.toml")
    ("pg-version", po::value<int>(), "target PostgreSQL major version (default 15, or pg_version in miglint.toml)")
    ("fail-on", po::value<std::string>(), "lowest severity that makes the exit code 1: error, warning or note (default error)")
    ("select", po::value<std::vector<std::string>>()->composing(), "run only these rules (comma-separated ids; opt-in rules allowed)")
    ("ignore", po::value<std::vector<std::string>>()->composing(), "never run these rules (comma-separated ids)")
    ("jobs,j", po::value<int>()->default_value(0), "parser threads (0 = one per core)")
    ("color", po::value<std::string>()->default_value("auto"), "colour the text output: auto (on a terminal, unless NO_COLOR is set), always, never")
    ("no-color", "same as --color never")
    ("stdin-filename", po::value<std::string>(), "name to report for input read from - (stdin)")
    ("layout", po::value<std::string>(), "migration layout of the directories, instead of detecting it: flyway, golang-migrate, goose, dbmate, diesel, prisma, sqitch, node-pg-migrate, atlas, plain, files")
    ("base", po::value<std::string>(), "git revision with the migrations already applied (e.g. origin/main): report edited, deleted and out-of-order migrations against it (default: the directory's miglint.sum, if any)")
    ("paths", po::value<std::vector<std::string>>()->composing(), "files, directories or globs");
  return options;
}

Config effective_config(const po::variables_map& vm) {
  if (vm.count("no-config") != 0U) {
    return {};
  }
  if (vm.count("config") != 0U) {
    return load_config(vm["config"].as<std::string>());
  }
  std::error_code ec;
  const auto found = find_config(std::filesystem::current_path(ec));
  return found ? load_config(*found) : Config{};
}

int pg_version_of(const po::variables_map& vm, const Config& config) {
  const int version = vm.count("pg-version") != 0U ? vm["pg-version"].as<int>() : config.pg_version.value_or(15);
  if (version < kMinPgVersion || version > kMaxPgVersion) {
    throw Error(fmt::format("--pg-version must be a major version from {} to {}, not {}", kMinPgVersion, kMaxPgVersion, version));
  }
  return version;
}

Severity fail_on_of(const po::variables_map& vm, const Config& config) {
  if (vm.count("fail-on") == 0U) {
    return config.fail_on.value_or(Severity::error);
  }
  const std::string text = vm["fail-on"].as<std::string>();
  const std::optional<Severity> severity = parse_severity(text);
  if (!severity) {
    throw Error(fmt::format("--fail-on must be error, warning or note, not `{}`", text));
  }
  return *severity;
}

bool use_color(const po::variables_map& vm, bool to_terminal) {
  const std::string mode = vm.count("no-color") != 0U ? "never" : vm["color"].as<std::string>();
  if (mode == "always") return true;
  if (mode == "never") return false;
  if (mode != "auto") throw Error(fmt::format("--color must be auto, always or never, not `{}`", mode));
  const char* no_color = std::getenv("NO_COLOR");
  return to_terminal && (no_color == nullptr || *no_color == '\0');
}

std::vector<MigrationSet> load_inputs(const std::vector<std::string>& paths, const po::variables_map& vm,
                                      const Config& config, std::istream& in) {
  std::vector<std::string> named;
  bool read_stdin = false;
  for (const std::string& path : paths) {
    if (path == "-") {
      read_stdin = true;
    } else {
      named.push_back(path);
    }
  }
  const ExcludeFilter filter(config.exclude, config.path.empty() ? std::filesystem::path() : config.path.parent_path());
  const Inputs inputs = resolve_inputs(named, filter);
  const std::optional<std::string> layout = optional_string(vm, "layout");
  std::vector<MigrationSet> sets;
  const std::optional<std::string> base =
      vm.count("base") != 0U ? std::optional(vm["base"].as<std::string>()) : std::nullopt;
  for (const std::string& directory : inputs.directories) {
    sets.push_back(load_migration_directory(directory, filter, layout));
    attach_base(sets.back(), base);
  }
  std::vector<std::unique_ptr<SourceFile>> loose;
  for (const std::string& file : inputs.files) {
    loose.push_back(read_source_file(file));
  }
  if (read_stdin) {
    std::ostringstream text;
    text << in.rdbuf();
    const std::string name = vm.count("stdin-filename") != 0U ? vm["stdin-filename"].as<std::string>() : "<stdin>";
    loose.push_back(std::make_unique<SourceFile>(name, std::move(text).str()));
  }
  if (!loose.empty()) {
    sets.push_back(load_loose_files(std::move(loose)));
  }
  return sets;
}

// One line per migration directory, shown by the text report: what miglint understood.
std::vector<std::string> set_summaries(const std::vector<MigrationSet>& sets) {
  std::vector<std::string> notes;
  for (const MigrationSet& set : sets) {
    if (set.root.empty()) continue;
    const auto downs = std::count_if(set.migrations.begin(), set.migrations.end(), [](const Migration& m) { return m.down.has_value(); });
    notes.push_back(fmt::format("{}: {} layout, {} migrations{}", set.root, set.layout, set.migrations.size(),
                                set.layout_has_downs ? fmt::format(", {} with a down migration", downs) : ""));
  }
  return notes;
}

int exit_code_for(const std::vector<FileResult>& results, Severity fail_on) {
  for (const FileResult& file : results) {
    for (const Diagnostic& d : file.diagnostics) {
      if (d.severity >= fail_on) return 1;
    }
  }
  return 0;
}

void write_report(const Reporter& reporter, const ReportInput& report, const po::variables_map& vm, std::ostream& out) {
  if (vm.count("output") != 0U) {
    AtomicOutputFile file(vm["output"].as<std::string>());
    reporter.write(report, file.stream());
    file.commit();
  } else {
    reporter.write(report, out);
  }
}

int run_lint(const std::vector<std::string>& args, std::istream& in, std::ostream& out) {
  const po::options_description options = lint_options();
  po::positional_options_description positional;
  positional.add("paths", -1);
  const po::variables_map vm = parse_command(options, positional, args, "lint");
  if (vm.count("help") != 0U) {
    out << options << "\nA directory is one migration set, replayed in version order. Config: miglint.toml,\n"
        << "found by walking up from the current directory (see README). Exit codes: 0 clean, 1 findings\n"
        << "at or above --fail-on, 2 usage/config/IO error.\n";
    return 0;
  }
  const std::vector<std::string> paths = vm.count("paths") != 0U ? vm["paths"].as<std::vector<std::string>>() : std::vector<std::string>{};
  if (paths.empty()) {
    throw Error("nothing to lint: give migration files, directories or globs, or - to read stdin (see `miglint lint --help`)");
  }
  const Config config = effective_config(vm);
  const std::string format = vm["format"].as<std::string>();
  const std::unique_ptr<Reporter> reporter = make_reporter(format);
  const std::optional<std::vector<std::string>> select =
      vm.count("select") != 0U ? std::optional(split_ids(vm["select"].as<std::vector<std::string>>())) : std::nullopt;
  const std::vector<std::string> ignore =
      vm.count("ignore") != 0U ? split_ids(vm["ignore"].as<std::vector<std::string>>()) : std::vector<std::string>{};
  const RuleSet rules(RuleRegistry::builtin(), config, select, ignore);
  const LintSettings settings{pg_version_of(vm, config), static_cast<size_t>(std::max(0, vm["jobs"].as<int>()))};
  const Severity fail_on = fail_on_of(vm, config);
  const bool to_file = vm.count("output") != 0U;
  const bool color = use_color(vm, !to_file && ::isatty(STDOUT_FILENO) == 1);

  std::vector<MigrationSet> sets = load_inputs(paths, vm, config, in);
  std::vector<std::string> notes = set_summaries(sets);
  const LintResult result = lint_sets(std::move(sets), rules, settings);

  ReportInput report{&result.results, &RuleRegistry::builtin(), color, result.statement_count, std::move(notes)};
  write_report(*reporter, report, vm, out);
  return exit_code_for(result.results, fail_on);
}

nlohmann::json script_json(const MigrationSet& set, const std::optional<Script>& script) {
  if (!script) return nullptr;
  const SourceFile& file = *set.files[script->file];
  return {{"file", file.path()},
          {"start_line", file.position(script->section.begin).line},
          {"end_line", file.position(script->section.end).line}};
}

int run_migrations(const std::vector<std::string>& args, std::istream& in, std::ostream& out) {
  po::options_description options("miglint migrations [OPTIONS] DIR...\n\nLists the migrations miglint finds, in the order their runner applies them.\n\nOptions");
  options.add_options()
    ("help,h", "show this help")
    ("format", po::value<std::string>()->default_value("text"), "text or json")
    ("layout", po::value<std::string>(), "force a layout instead of detecting it")
    ("paths", po::value<std::vector<std::string>>()->composing(), "migration directories or files");
  po::positional_options_description positional;
  positional.add("paths", -1);
  const po::variables_map vm = parse_command(options, positional, args, "migrations");
  if (vm.count("help") != 0U) {
    out << options;
    return 0;
  }
  const std::string format = vm["format"].as<std::string>();
  if (format != "text" && format != "json") {
    throw Error(fmt::format("unknown format `{}` for `miglint migrations` (expected text or json)", format));
  }
  const std::vector<std::string> paths =
      vm.count("paths") != 0U ? vm["paths"].as<std::vector<std::string>>() : std::vector<std::string>{"."};
  const std::vector<MigrationSet> sets = load_inputs(paths, vm, Config{}, in);
  if (format == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (const MigrationSet& set : sets) {
      nlohmann::json migrations = nlohmann::json::array();
      for (const Migration& m : set.migrations) {
        migrations.push_back({{"version", m.version}, {"name", m.name}, {"up", script_json(set, m.up)},
                              {"down", script_json(set, m.down)}, {"has_down", m.down.has_value()},
                              {"transaction", to_string(m.transaction)}, {"repeatable", m.repeatable}});
      }
      list.push_back({{"root", set.root}, {"layout", set.layout}, {"migrations", migrations}});
    }
    out << nlohmann::json{{"version", 1}, {"sets", list}}.dump(2) << "\n";
    return 0;
  }
  for (const MigrationSet& set : sets) {
    out << fmt::format("{} ({} layout, {} migrations)\n", set.root.empty() ? "files" : set.root, set.layout,
                       set.migrations.size());
    out << fmt::format("  {:<20} {:<36} {:<5} {:<12} {}\n", "version", "name", "down", "transaction", "up file");
    for (const Migration& m : set.migrations) {
      const std::string up = m.up ? set.files[m.up->file]->path() : "(missing)";
      out << fmt::format("  {:<20} {:<36} {:<5} {:<12} {}\n", m.repeatable ? "R" : m.version, m.name,
                         m.down ? "yes" : "no", to_string(m.transaction), up);
    }
  }
  return 0;
}

int run_sum(const std::vector<std::string>& args, std::istream& in, std::ostream& out) {
  po::options_description options(
      "miglint sum [OPTIONS] [DIR...]\n\nWrites DIR/miglint.sum: the byte and semantic checksum of every migration, so\n"
      "`miglint lint` can report applied migrations that were edited, renamed or deleted,\n"
      "without git history. Commit the file; regenerate it after a deliberate change.\n\nOptions");
  options.add_options()
    ("help,h", "show this help")
    ("layout", po::value<std::string>(), "force a layout instead of detecting it")
    ("paths", po::value<std::vector<std::string>>()->composing(), "migration directories (default: .)");
  po::positional_options_description positional;
  positional.add("paths", -1);
  const po::variables_map vm = parse_command(options, positional, args, "sum");
  if (vm.count("help") != 0U) {
    out << options;
    return 0;
  }
  const std::vector<std::string> paths =
      vm.count("paths") != 0U ? vm["paths"].as<std::vector<std::string>>() : std::vector<std::string>{"."};
  const std::optional<std::string> layout = optional_string(vm, "layout");
  const Inputs inputs = resolve_inputs(paths, {});
  if (!inputs.files.empty() || inputs.directories.empty()) {
    throw Error("miglint sum takes migration directories, not files");
  }
  (void)in;
  for (const std::string& directory : inputs.directories) {
    const MigrationSet set = load_migration_directory(directory, {}, layout);
    const std::vector<MigrationRecord> records = records_of(set);
    const std::filesystem::path target = std::filesystem::path(set.root) / kSumFileName;
    AtomicOutputFile file(target);
    file.stream() << format_sum(records);
    file.commit();
    out << fmt::format("wrote {} ({} migrations, {} layout)\n", target.string(), records.size(), set.layout);
  }
  return 0;
}

int run_validate(const std::vector<std::string>& args, std::istream& in, std::ostream& out) {
  po::options_description options(
      "miglint validate [OPTIONS] [DIR]\n\nApplies the migrations to a disposable PostgreSQL the way their runner would: each\n"
      "migration up, then down (checking the schema is restored), then up again (checking it is\n"
      "the same), then compares the final schema with the models.\n\nOptions");
  options.add_options()
    ("help,h", "show this help")
    ("models", po::value<std::vector<std::string>>()->composing(), "the intended schema: a SQL file, a schema.prisma, or a snapshot from `miglint schema` (repeatable)")
    ("database-url", po::value<std::string>(), "use this server instead of a private one; a scratch database is created there and dropped")
    ("pg-bin", po::value<std::string>(), "directory with initdb, pg_ctl and postgres")
    ("format", po::value<std::string>()->default_value("text"), "text, json, sarif, github, gitlab or junit")
    ("output,o", po::value<std::string>(), "write the report to FILE")
    ("strict", po::value<std::string>()->default_value("normal"), "normal, or all (also column order, extension versions, owners and grants)")
    ("statement-timeout", po::value<std::string>()->default_value("60s"), "statement_timeout for every migration statement")
    ("jobs,j", po::value<int>()->default_value(2), "database sessions at once: with 2 or more, the models load while the migrations run")
    ("keep", "leave the scratch database (and the private server) running for inspection; prints how to reach and remove them")
    ("layout", po::value<std::string>(), "force a layout instead of detecting it")
    ("fail-on", po::value<std::string>(), "lowest severity that makes the exit code 1 (default error)")
    ("color", po::value<std::string>()->default_value("auto"), "auto, always or never")
    ("no-color", "same as --color never")
    ("paths", po::value<std::vector<std::string>>()->composing(), "the migration directory (default .)");
  po::positional_options_description positional;
  positional.add("paths", -1);
  const po::variables_map vm = parse_command(options, positional, args, "validate");
  if (vm.count("help") != 0U) {
    out << options;
    return 0;
  }
  validate::Cleanups::instance().watch_signals();
  const std::string directory = single_directory(vm, "validate");
  const std::unique_ptr<Reporter> reporter = make_reporter(vm["format"].as<std::string>());
  const Severity fail_on = fail_on_of(vm, Config{});
  const bool color = use_color(vm, vm.count("output") == 0U && ::isatty(STDOUT_FILENO) == 1);
  validate::ValidateOptions settings;
  if (vm.count("pg-bin") != 0U) settings.pg_bin = vm["pg-bin"].as<std::string>();
  if (vm.count("database-url") != 0U) settings.database_url = vm["database-url"].as<std::string>();
  if (vm.count("models") != 0U) {
    for (const std::string& model : vm["models"].as<std::vector<std::string>>()) settings.models.emplace_back(model);
  }
  const std::string strict = vm["strict"].as<std::string>();
  if (strict != "normal" && strict != "all") throw Error(fmt::format("--strict must be normal or all, not `{}`", strict));
  settings.strictness = strict == "all" ? validate::Strictness::all : validate::Strictness::normal;
  settings.statement_timeout = vm["statement-timeout"].as<std::string>();
  settings.keep = vm.count("keep") != 0U;
  settings.jobs = static_cast<size_t>(std::max(1, vm["jobs"].as<int>()));
  if (vm["format"].as<std::string>() == "text" && ::isatty(STDERR_FILENO) == 1) {
    settings.progress = [](const std::string& line) { std::cerr << "\r\x1b[K" << line << std::flush; };
  }
  const std::optional<std::string> layout = optional_string(vm, "layout");
  MigrationSet set = load_migration_directory(directory, {}, layout);
  const std::string summary_head = fmt::format("{}: {} layout, {} migrations", set.root, set.layout, set.migrations.size());
  (void)in;
  const validate::ValidateResult result = validate::validate(std::move(set), settings);
  if (settings.progress) std::cerr << "\r\x1b[K" << std::flush;
  const validate::ValidateSummary& s = result.summary;
  std::vector<std::string> notes = {
      summary_head,
      fmt::format("validated: {} migrations applied, {} downs checked, {} drifted objects; setup {:.2f} s, apply {:.2f} s, "
                  "compare {:.2f} s",
                  s.applied, s.downs_checked, s.drift, s.setup_seconds, s.apply_seconds, s.compare_seconds)};
  for (const std::string& kept : result.kept) std::cerr << "miglint: " << kept << "\n";
  const ReportInput report{&result.results, &RuleRegistry::builtin(), color, 0, std::move(notes)};
  write_report(*reporter, report, vm, out);
  return exit_code_for(result.results, fail_on);
}

int run_status(const std::vector<std::string>& args, std::ostream& out) {
  po::options_description options(
      "miglint status [OPTIONS] [DIR] --database-url URL\n\nReads the migration runner's history table (Flyway, Prisma, golang-migrate, goose,\n"
      "diesel, dbmate) and reports each migration as applied, pending, missing-file (applied\n"
      "but its file is gone), edited (checksum differs) or dirty. Read-only. Exit code 1 when\n"
      "anything is missing, edited or dirty.\n\nOptions");
  options.add_options()
    ("help,h", "show this help")
    ("database-url", po::value<std::string>(), "the database to inspect (required)")
    ("format", po::value<std::string>()->default_value("text"), "text or json")
    ("layout", po::value<std::string>(), "force a layout instead of detecting it")
    ("paths", po::value<std::vector<std::string>>()->composing(), "the migration directory (default .)");
  po::positional_options_description positional;
  positional.add("paths", -1);
  const po::variables_map vm = parse_command(options, positional, args, "status");
  if (vm.count("help") != 0U) {
    out << options;
    return 0;
  }
  if (vm.count("database-url") == 0U) {
    throw Error("miglint status needs --database-url (the database whose history to read)");
  }
  const std::string format = vm["format"].as<std::string>();
  if (format != "text" && format != "json") {
    throw Error(fmt::format("unknown format `{}` for `miglint status` (expected text or json)", format));
  }
  const std::string directory = single_directory(vm, "status");
  const std::optional<std::string> layout = optional_string(vm, "layout");
  const MigrationSet set = load_migration_directory(directory, {}, layout);
  const validate::StatusReport report = validate::read_status(set, vm["database-url"].as<std::string>());
  bool problems = false;
  nlohmann::json list = nlohmann::json::array();
  for (const validate::MigrationStatus& m : report.migrations) {
    problems = problems || (m.state != validate::MigrationState::applied && m.state != validate::MigrationState::pending);
    list.push_back({{"version", m.version}, {"name", m.name}, {"state", validate::to_string(m.state)}, {"detail", m.detail}});
  }
  if (format == "json") {
    out << nlohmann::json{{"version", 1}, {"layout", set.layout}, {"table", report.table}, {"migrations", list}}.dump(2) << "\n";
  } else {
    out << fmt::format("{} ({} layout, history in {})\n", set.root, set.layout, report.table);
    for (const validate::MigrationStatus& m : report.migrations) {
      out << fmt::format("  {:<14} {:<20} {}{}\n", validate::to_string(m.state), m.version, m.name,
                         m.detail.empty() ? "" : " (" + m.detail + ")");
    }
  }
  return problems ? 1 : 0;
}

int run_schema(const std::vector<std::string>& args, std::ostream& out) {
  po::options_description options(
      "miglint schema [OPTIONS] [DIR]\n\nApplies the up migrations to a disposable PostgreSQL and prints the resulting schema as\n"
      "JSON (a miglint snapshot). Commit it to review schema changes as a diff, and pass it to\n"
      "`miglint validate --models`.\n\nOptions");
  options.add_options()
    ("help,h", "show this help")
    ("format", po::value<std::string>()->default_value("json"), "json")
    ("output,o", po::value<std::string>(), "write the snapshot to FILE")
    ("database-url", po::value<std::string>(), "use this server instead of a private one")
    ("pg-bin", po::value<std::string>(), "directory with initdb, pg_ctl and postgres")
    ("layout", po::value<std::string>(), "force a layout instead of detecting it")
    ("paths", po::value<std::vector<std::string>>()->composing(), "the migration directory (default .)");
  po::positional_options_description positional;
  positional.add("paths", -1);
  const po::variables_map vm = parse_command(options, positional, args, "schema");
  if (vm.count("help") != 0U) {
    out << options;
    return 0;
  }
  if (vm["format"].as<std::string>() != "json") {
    throw Error(fmt::format("unknown format `{}` for `miglint schema` (expected json)", vm["format"].as<std::string>()));
  }
  validate::Cleanups::instance().watch_signals();
  const std::string directory = single_directory(vm, "schema");
  validate::ValidateOptions settings;
  settings.ups_only = true;
  if (vm.count("pg-bin") != 0U) settings.pg_bin = vm["pg-bin"].as<std::string>();
  if (vm.count("database-url") != 0U) settings.database_url = vm["database-url"].as<std::string>();
  const std::optional<std::string> layout = optional_string(vm, "layout");
  const validate::ValidateResult result =
      validate::validate(load_migration_directory(directory, {}, layout), settings);
  if (exit_code_for(result.results, Severity::error) != 0) {
    // The schema is incomplete: show why on stderr, and write no snapshot.
    const ReportInput report{&result.results, &RuleRegistry::builtin(), false, 0, {}};
    make_reporter("text")->write(report, std::cerr);
    return 1;
  }
  const std::string json = validate::snapshot_to_json(*result.final_schema);
  if (vm.count("output") != 0U) {
    AtomicOutputFile file(vm["output"].as<std::string>());
    file.stream() << json;
    file.commit();
  } else {
    out << json;
  }
  return 0;
}

int run_rules(const std::vector<std::string>& args, std::ostream& out) {
  po::options_description options("miglint rules [--format text|json|markdown]\n\nOptions");
  options.add_options()("help,h", "show this help")("format", po::value<std::string>()->default_value("text"),
                                                   "text, json or markdown (the README's rules table)");
  const po::variables_map vm = parse_command(options, {}, args, "rules");
  if (vm.count("help") != 0U) {
    out << options;
    return 0;
  }
  const std::string format = vm["format"].as<std::string>();
  const auto& entries = RuleRegistry::builtin().entries();
  if (format == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (const RuleEntry& e : entries) {
      list.push_back({{"id", e.info->id}, {"summary", e.info->summary}, {"severity", to_string(e.info->default_severity)},
                      {"category", to_string(e.info->category)}, {"fix", to_string(e.info->fix)}, {"opt_in", e.info->opt_in}});
    }
    out << list.dump(2) << "\n";
  } else if (format == "markdown") {
    out << rules_markdown_table(RuleRegistry::builtin());
  } else if (format == "text") {
    for (const RuleEntry& e : entries) {
      out << fmt::format("{:<36} {:<8} {}{}\n", e.info->id, to_string(e.info->default_severity), e.info->summary,
                         e.info->opt_in ? " (opt-in)" : "");
    }
  } else {
    throw Error(fmt::format("unknown format `{}` for `miglint rules` (expected text, json or markdown)", format));
  }
  return 0;
}

int run_explain(const std::vector<std::string>& args, std::ostream& out) {
  if (args.size() != 1 || args[0].starts_with("-")) {
    if (args.size() == 1 && (args[0] == "--help" || args[0] == "-h")) {
      out << "miglint explain RULE\n\nPrints the documentation of RULE (see `miglint rules` for the ids).\n";
      return 0;
    }
    throw Error("usage: miglint explain RULE (see `miglint rules` for the ids)");
  }
  const RuleEntry* entry = RuleRegistry::builtin().find(args[0]);
  if (entry == nullptr) {
    throw Error(fmt::format("unknown rule `{}` (see `miglint rules`)", args[0]));
  }
  out << entry->doc;
  return 0;
}

}  // namespace

int run_cli(int argc, char** argv, std::istream& in, std::ostream& out, std::ostream& /*err*/) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    out << kUsage;
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "--version" || args[0] == "-V") {
    out << "miglint " << MIGLINT_VERSION << " (libpg_query " << PG_VERSION << " grammar)\n";
    return 0;
  }
  const std::string command = args[0];
  args.erase(args.begin());
  if (command == "help") {
    if (args.empty()) {
      out << kUsage;
      return 0;
    }
    return run_cli(3, std::array<char*, 3>{argv[0], args[0].data(), const_cast<char*>("--help")}.data(), in, out, out);
  }
  if (command == "lint") return run_lint(args, in, out);
  if (command == "rules") return run_rules(args, out);
  if (command == "migrations") return run_migrations(args, in, out);
  if (command == "sum") return run_sum(args, in, out);
  if (command == "validate") return run_validate(args, in, out);
  if (command == "status") return run_status(args, out);
  if (command == "schema") return run_schema(args, out);
  if (command == "explain") return run_explain(args, out);
  throw Error(fmt::format("unknown command `{}` (expected lint, validate, schema, status, migrations, sum, rules, explain or help; see `miglint --help`)",
                          command));
}

}  // namespace miglint
