#include "cli/options.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <sstream>

#include "linter/discover.hpp"
#include "linter/error.hpp"
#include "linter/history.hpp"
#include "linter/output_file.hpp"

namespace miglint::cli {

namespace {

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

}  // namespace

Config effective_config(const Command& command, const RuleRegistry& registry) {
  if (command.has("no-config")) {
    return {};
  }
  if (const std::optional<std::string> path = command.string("config")) {
    return load_config(*path, registry);
  }
  std::error_code ec;
  const auto found = find_config(std::filesystem::current_path(ec));
  return found ? load_config(*found, registry) : Config{};
}

RuleSet rule_set_of(const Command& command, const Config& config, const RuleRegistry& registry) {
  const auto& values = command.values();
  const std::optional<std::vector<std::string>> select =
      command.has("select") ? std::optional(split_ids(values["select"].as<std::vector<std::string>>())) : std::nullopt;
  const std::vector<std::string> ignore =
      command.has("ignore") ? split_ids(values["ignore"].as<std::vector<std::string>>()) : std::vector<std::string>{};
  return RuleSet(registry, config, select, ignore);
}

int pg_version_of(const Command& command, const Config& config) {
  const std::optional<std::string> text = command.string("pg-version");
  if (!text) {
    return config.pg_version.value_or(15);
  }
  const std::optional<int> version = parse_pg_version(*text);
  if (!version || *version < kMinPgVersion || *version > kMaxPgVersion) {
    throw Error(fmt::format("--pg-version must be a PostgreSQL version from {} to {} (e.g. 15 or 15.4), not `{}`",
                            kMinPgVersion, kMaxPgVersion, *text));
  }
  return *version;
}

std::optional<Severity> fail_on_of(const Command& command, const Config& config) {
  const std::optional<std::string> text = command.string("fail-on");
  if (!text) {
    return config.fail_on.value_or(Severity::error);
  }
  if (*text == "never") return std::nullopt;
  const std::optional<Severity> severity = parse_severity(*text);
  if (!severity) {
    throw Error(fmt::format("--fail-on must be error, warning, note or never, not `{}`", *text));
  }
  return *severity;
}

bool use_color(const Command& command, bool to_terminal) {
  const std::string mode = command.has("no-color") ? "never" : *command.string("color");
  if (mode == "always") return true;
  if (mode == "never") return false;
  if (mode != "auto") throw Error(fmt::format("--color must be auto, always or never, not `{}`", mode));
  const char* no_color = std::getenv("NO_COLOR");
  return to_terminal && (no_color == nullptr || *no_color == '\0');
}

std::vector<MigrationSet> load_inputs(const Command& command, const Config& config, std::istream& in) {
  std::vector<std::string> named;
  bool read_stdin = false;
  for (const std::string& path : command.paths()) {
    if (path == "-") {
      read_stdin = true;
    } else {
      named.push_back(path);
    }
  }
  const ExcludeFilter filter(config.exclude, config.path.empty() ? std::filesystem::path() : config.path.parent_path());
  const Inputs inputs = resolve_inputs(named, filter);
  std::vector<MigrationSet> sets;
  const std::optional<std::string> base = command.string("base");
  for (const std::string& directory : inputs.directories) {
    sets.push_back(load_migration_directory(directory, filter, command.layout() ? command.layout() : config.layout));
    attach_base(sets.back(), base);
  }
  std::vector<std::unique_ptr<SourceFile>> loose;
  for (const std::string& file : inputs.files) {
    loose.push_back(read_source_file(file));
  }
  if (read_stdin) {
    std::ostringstream text;
    text << in.rdbuf();
    loose.push_back(std::make_unique<SourceFile>(command.string("stdin-filename").value_or("<stdin>"), std::move(text).str()));
  }
  if (!loose.empty()) {
    sets.push_back(load_loose_files(std::move(loose)));
  }
  return sets;
}

std::vector<std::string> set_summaries(const std::vector<MigrationSet>& sets) {
  std::vector<std::string> notes;
  for (const MigrationSet& set : sets) {
    if (set.root.empty()) continue;
    const auto downs = std::count_if(set.migrations.begin(), set.migrations.end(), [](const Migration& m) { return m.down.has_value(); });
    notes.push_back(fmt::format("{}: {} layout, {} migrations{}{}", set.root, to_string(set.layout), set.migrations.size(),
                                set.layout_has_downs ? fmt::format(", {} with a down migration", downs) : "",
                                set.layout_reason.empty() ? "" : fmt::format(" (assumed: {})", set.layout_reason)));
  }
  return notes;
}

std::vector<std::string> base_labels(const std::vector<MigrationSet>& sets) {
  std::vector<std::string> labels;
  for (const MigrationSet& set : sets) {
    if (set.base && std::find(labels.begin(), labels.end(), set.base->label) == labels.end()) {
      labels.push_back(set.base->label);
    }
  }
  return labels;
}

int exit_code_for(const std::vector<FileResult>& results, std::optional<Severity> fail_on) {
  if (!fail_on) return 0;
  for (const FileResult& file : results) {
    for (const Diagnostic& d : file.diagnostics) {
      if (d.severity >= *fail_on) return 1;
    }
  }
  return 0;
}

ReportWriter::ReportWriter(const Command& command)
    : main_(make_reporter(command.format())),
      output_(command.string("output")),
      link_prefix_(command.string("link-prefix").value_or("")) {
  std::vector<std::string> paths;
  if (output_) paths.push_back(*output_);
  const auto& values = command.values();
  if (!values.count("report")) return;
  for (const std::string& spec : values["report"].as<std::vector<std::string>>()) {
    const size_t equals = spec.find('=');
    if (equals == std::string::npos || equals == 0 || equals + 1 == spec.size()) {
      throw Error(fmt::format("--report `{}`: expected FORMAT=FILE, e.g. sarif=miglint.sarif", spec));
    }
    std::string path = spec.substr(equals + 1);
    if (std::find(paths.begin(), paths.end(), path) != paths.end()) {
      throw Error(fmt::format("--report `{}`: {} is already written by another report", spec, path));
    }
    paths.push_back(path);
    files_.push_back({make_reporter(spec.substr(0, equals)), std::move(path)});
  }
}

void ReportWriter::write(ReportInput input, std::ostream& out) const {
  input.link_prefix = link_prefix_;
  const bool color = input.color;
  input.color = false;  // colours are for the terminal only
  std::vector<std::unique_ptr<AtomicOutputFile>> files;
  for (const FileReport& report : files_) {
    files.push_back(std::make_unique<AtomicOutputFile>(report.path));
    report.reporter->write(input, files.back()->stream());
  }
  if (output_) {
    files.push_back(std::make_unique<AtomicOutputFile>(*output_));
    main_->write(input, files.back()->stream());
  } else {
    input.color = color;
    main_->write(input, out);
  }
  for (const std::unique_ptr<AtomicOutputFile>& file : files) file->commit();
}

}  // namespace miglint::cli
