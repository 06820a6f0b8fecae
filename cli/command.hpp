#pragma once

#include <boost/program_options.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "linter/layout.hpp"

namespace miglint::cli {

/// Option groups that several commands share, each declared once in command.cpp.
enum class Shared {
  /// `--output FILE`, written atomically; `--report FORMAT=FILE`; `--link-prefix`.
  output,
  /// `--color`, `--no-color`.
  color,
  /// `--fail-on SEVERITY`.
  fail_on,
  /// `--config`, `--no-config`, `--select`, `--ignore`: which rules run, as in miglint.toml.
  rules,
  /// `--layout NAME`, checked against the known layouts.
  layout,
  /// `--database-url`, `--pg-bin`: where PostgreSQL comes from.
  server,
};

/// What a command's positional arguments are.
enum class Paths {
  /// None.
  none,
  /// Any number (the command checks how many it needs).
  any,
  /// Paths, defaulting to the current directory.
  current_by_default,
  /// Exactly one migration directory, defaulting to the current one (see Command::directory()).
  one_directory,
};

/// Everything that describes a command's command line: parsing, `--help` and the checks every
/// command needs (formats, layouts, paths) come from this, not from per-command code.
struct CommandSpec {
  /// `lint`, `validate`, ...
  std::string_view name;
  /// `miglint lint [OPTIONS] [PATH...]`.
  std::string_view synopsis;
  /// What the command does, shown under the synopsis (may be empty).
  std::string_view description;
  /// Accepted `--format` values; the first is the default. Empty: no `--format`.
  std::vector<std::string_view> formats;
  /// The positional arguments.
  Paths paths = Paths::none;
  /// Help for the positional arguments.
  std::string_view paths_help;
  /// Shared option groups, in the order they appear in `--help`.
  std::vector<Shared> shared;
  /// Printed after the options in `--help` (may be empty).
  std::string_view epilogue;
};

/// A command line being parsed against a CommandSpec.
class Command {
 public:
  /// Declares `--help`, `--format` and the shared groups of `spec`.
  explicit Command(CommandSpec spec);

  /// Adds options of this command only (after the shared ones in `--help`).
  boost::program_options::options_description_easy_init add_options() { return options_.add_options(); }
  /// Parses `args`. Prints the help and returns false for `--help`; throws Error for a bad
  /// option, an unknown format or layout, or missing paths.
  bool parse(const std::vector<std::string>& args, std::ostream& out);

  /// The parsed values.
  const boost::program_options::variables_map& values() const { return vm_; }
  /// True when a flag or option was given.
  bool has(const char* name) const { return vm_.count(name) != 0U; }
  /// The value of an optional string option.
  std::optional<std::string> string(const char* name) const;
  /// The `--format` value, checked against the spec.
  const std::string& format() const { return format_; }
  /// The positional paths, with the spec's default.
  const std::vector<std::string>& paths() const { return paths_; }
  /// The `--layout` value, checked against the known layouts.
  std::optional<LayoutId> layout() const { return layout_; }
  /// With Paths::one_directory: the directory.
  std::string directory() const;

 private:
  void check(const std::vector<std::string>& args);

  CommandSpec spec_;
  boost::program_options::options_description options_;
  boost::program_options::variables_map vm_;
  std::string format_;
  std::vector<std::string> paths_;
  std::optional<LayoutId> layout_;
};

}  // namespace miglint::cli
