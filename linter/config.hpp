#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "linter/diagnostic.hpp"
#include "linter/layout.hpp"
#include "linter/rule_registry.hpp"

namespace miglint {

/// Settings for one rule from `[rules.<id>]`.
struct RuleConfig {
  /// `severity = "error" | "warning" | "note"`; nullopt keeps the default.
  std::optional<Severity> severity;
  /// `severity = "off"` (or `enabled = false`) turns the rule off.
  bool enabled = true;
  /// `enabled = true` on an opt-in rule turns it on.
  bool explicitly_enabled = false;
  /// Rule-specific options.
  RuleOptions options;
};

/// The contents of a `miglint.toml`. Every key is optional; command-line flags win.
struct Config {
  /// The file it was read from (empty when there is none).
  std::filesystem::path path;
  /// `pg_version = 15`: the target server's major version.
  std::optional<int> pg_version;
  /// `fail_on = "error" | "warning" | "note"`.
  std::optional<Severity> fail_on;
  /// `select = [...]`: only these rules (opt-in rules included).
  std::optional<std::vector<std::string>> select;
  /// `ignore = [...]`: never these rules.
  std::vector<std::string> ignore;
  /// `layout = "flyway"`: read migration directories with this runner's rules, as `--layout` does.
  std::optional<LayoutId> layout;
  /// `lint_downs = "failures" | "all"`: which rules check down migrations (default: the ones that
  /// predict a failure; locking rules too with "all").
  std::optional<bool> lint_downs_with_all_rules;
  /// `exclude = [...]`: glob patterns of paths not to lint, relative to the config file.
  std::vector<std::string> exclude;
  /// `[rules.<id>]` tables.
  std::map<std::string, RuleConfig, std::less<>> rules;
};

/// Looks for `miglint.toml` (or `.miglint.toml`) in `start` and each parent directory.
std::optional<std::filesystem::path> find_config(const std::filesystem::path& start);

/// Reads and validates a config file. Throws Error as `path:line:col: message` on any problem:
/// TOML syntax, unknown keys, rule ids or options that `registry` does not know, wrong value types.
Config load_config(const std::filesystem::path& path, const RuleRegistry& registry);

/// Parses config text (for tests); `path` is only used in messages.
Config parse_config(std::string_view text, const std::filesystem::path& path, const RuleRegistry& registry);

/// The major version in `text` ("15", "15.4", "11.0", "9.6.24" all name their major version), or
/// nothing when `text` is not a version number.
std::optional<int> parse_pg_version(std::string_view text);

/// The supported range of `pg_version` / `--pg-version`.
inline constexpr int kMinPgVersion = 9;
/// Highest target version miglint knows about.
inline constexpr int kMaxPgVersion = 18;

}  // namespace miglint
