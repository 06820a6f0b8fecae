#include "cli/command.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "linter/discover.hpp"
#include "linter/error.hpp"
#include "linter/layout.hpp"

namespace miglint::cli {

namespace po = boost::program_options;

namespace {

void add_shared(po::options_description& options, Shared group) {
  switch (group) {
    case Shared::output:
      options.add_options()("output,o", po::value<std::string>(),
                            "write the report to FILE (written only when the run completes)")(
          "report", po::value<std::vector<std::string>>()->composing(),
          "also write the report in another format to a file, as FORMAT=FILE (repeatable), e.g. --report "
          "sarif=miglint.sarif --report markdown=summary.md: one run, every report")(
          "link-prefix", po::value<std::string>(),
          "turn paths in markdown reports into links: PREFIX + path + #Lline, e.g. "
          "https://github.com/OWNER/REPO/blob/SHA/");
      return;
    case Shared::color:
      options.add_options()(
          "color", po::value<std::string>()->default_value("auto"),
          "colour the text output: auto (on a terminal, unless NO_COLOR is set), always, never")(
          "no-color", "same as --color never");
      return;
    case Shared::fail_on:
      options.add_options()("fail-on", po::value<std::string>(),
                            "lowest severity that makes the exit code 1: error, warning or note, or never to report "
                            "only (default error, or fail_on in miglint.toml)");
      return;
    case Shared::rules:
      options.add_options()(
          "config", po::value<std::string>(),
          "use this miglint.toml instead of searching the current directory and its parents")(
          "no-config", "ignore every miglint.toml")(
          "select", po::value<std::vector<std::string>>()->composing(),
          "run only these rules (comma-separated ids; opt-in rules allowed)")(
          "ignore", po::value<std::vector<std::string>>()->composing(), "never run these rules (comma-separated ids)");
      return;
    case Shared::layout:
      options.add_options()("layout", po::value<std::string>(),
                            fmt::format("migration layout of the directories, instead of detecting it: {}",
                                        fmt::join(layout_names(), ", "))
                                .c_str());
      return;
    case Shared::server:
      options.add_options()(
          "database-url", po::value<std::string>(),
          "use this server instead of a private one; a scratch database is created there and dropped")(
          "pg-bin", po::value<std::string>(),
          "directory with initdb, pg_ctl and postgres for the private server; its data goes in /dev/shm when that "
          "tmpfs has room and TMPDIR is not set, else in $TMPDIR or /tmp");
      return;
  }
}

std::string caption(const CommandSpec& spec) {
  std::string text(spec.synopsis);
  if (!spec.description.empty()) text += fmt::format("\n\n{}", spec.description);
  if (!spec.paths_help.empty()) text += fmt::format("\n\nArguments:\n  {}", spec.paths_help);
  return text + "\n\nOptions";
}

}  // namespace

Command::Command(CommandSpec spec) : spec_(std::move(spec)), options_(caption(spec_)) {
  options_.add_options()("help,h", "show this help");
  if (!spec_.formats.empty()) {
    options_.add_options()("format", po::value<std::string>()->default_value(std::string(spec_.formats.front())),
                           fmt::format("output format: {}", fmt::join(spec_.formats, ", ")).c_str());
  }
  for (const Shared group : spec_.shared) add_shared(options_, group);
}

bool Command::parse(const std::vector<std::string>& args, std::ostream& out) {
  po::options_description all;
  all.add(options_);
  po::positional_options_description positional;
  if (spec_.paths != Paths::none) {
    all.add_options()("paths", po::value<std::vector<std::string>>()->composing());
    positional.add("paths", -1);
  }
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm_);
    po::notify(vm_);
  } catch (const po::error& e) {
    throw Error(fmt::format("{} (see `miglint {} --help`)", e.what(), spec_.name));
  }
  if (has("help")) {
    out << options_;
    if (!spec_.epilogue.empty()) out << "\n" << spec_.epilogue;
    return false;
  }
  check(args);
  return true;
}

void Command::check(const std::vector<std::string>& /*args*/) {
  if (!spec_.formats.empty()) {
    format_ = vm_["format"].as<std::string>();
    if (std::find(spec_.formats.begin(), spec_.formats.end(), format_) == spec_.formats.end()) {
      throw Error(fmt::format("unknown format `{}` for `miglint {}` (expected one of: {})", format_, spec_.name,
                              fmt::join(spec_.formats, ", ")));
    }
  }
  if (const std::optional<std::string> name = string("layout")) {
    const LayoutInfo* layout = find_layout(*name);
    if (layout == nullptr) {
      throw Error(fmt::format("unknown layout `{}` (expected one of: {})", *name, fmt::join(layout_names(), ", ")));
    }
    layout_ = layout->id;
  }
  if (has("paths")) paths_ = vm_["paths"].as<std::vector<std::string>>();
  if (paths_.empty() && (spec_.paths == Paths::current_by_default || spec_.paths == Paths::one_directory)) {
    paths_ = {"."};
  }
}

std::optional<std::string> Command::string(const char* name) const {
  return has(name) ? std::optional(vm_[name].as<std::string>()) : std::nullopt;
}

std::string Command::directory() const {
  const Inputs inputs = resolve_inputs(paths_, {});
  if (inputs.directories.size() != 1 || !inputs.files.empty()) {
    throw Error(fmt::format("miglint {} takes one migration directory", spec_.name));
  }
  return inputs.directories[0];
}

}  // namespace miglint::cli
