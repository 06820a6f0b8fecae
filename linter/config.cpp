#include "linter/config.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <toml++/toml.h>

#include <fstream>
#include <sstream>

#include "linter/error.hpp"
#include "linter/rule_registry.hpp"

namespace miglint {

namespace {

[[noreturn]] void fail(const std::filesystem::path& path, const toml::source_region& where, const std::string& message) {
  throw Error(fmt::format("{}:{}:{}: {}", path.string(), where.begin.line, where.begin.column, message));
}

std::vector<std::string> string_array(const std::filesystem::path& path, const toml::node& node, std::string_view key) {
  const toml::array* array = node.as_array();
  if (array == nullptr) {
    fail(path, node.source(), fmt::format("`{}` must be an array of strings", key));
  }
  std::vector<std::string> out;
  for (const toml::node& element : *array) {
    const auto value = element.value<std::string>();
    if (!value) {
      fail(path, element.source(), fmt::format("`{}` must contain only strings", key));
    }
    out.push_back(*value);
  }
  return out;
}

Severity severity_value(const std::filesystem::path& path, const toml::node& node, std::string_view key) {
  const auto text = node.value<std::string>();
  const std::optional<Severity> severity = text ? parse_severity(*text) : std::nullopt;
  if (!severity) {
    fail(path, node.source(), fmt::format("`{}` must be \"error\", \"warning\" or \"note\"", key));
  }
  return *severity;
}

void check_rule_ids(const std::filesystem::path& path, const toml::node& node, const std::vector<std::string>& ids,
                    std::string_view key, const RuleRegistry& registry) {
  for (const std::string& id : ids) {
    if (registry.find(id) == nullptr) {
      fail(path, node.source(), fmt::format("`{}` names unknown rule `{}` (see `miglint rules`)", key, id));
    }
  }
}

RuleConfig rule_config(const std::filesystem::path& path, const RuleEntry& rule, const toml::table& table) {
  RuleConfig config;
  for (const auto& [key, node] : table) {
    const std::string_view name = key.str();
    if (name == "severity") {
      if (node.value<std::string>() == "off") {
        config.enabled = false;
      } else {
        config.severity = severity_value(path, node, "severity");
      }
    } else if (name == "enabled") {
      const auto enabled = node.value<bool>();
      if (!enabled) fail(path, node.source(), "`enabled` must be true or false");
      config.enabled = *enabled;
      config.explicitly_enabled = *enabled;
    } else if (std::find(rule.info->options.begin(), rule.info->options.end(), name) != rule.info->options.end()) {
      config.options[std::string(name)] = string_array(path, node, name);
    } else {
      fail(path, key.source(),
           fmt::format("rule `{}` has no option `{}`{}", rule.info->id, name,
                       rule.info->options.empty() ? "" : " (see `miglint explain " + std::string(rule.info->id) + "`)"));
    }
  }
  return config;
}

void read_rules(const std::filesystem::path& path, const toml::node& node, Config& config, const RuleRegistry& registry) {
  const toml::table* rules = node.as_table();
  if (rules == nullptr) {
    fail(path, node.source(), "`rules` must be a table of `[rules.<rule-id>]` tables");
  }
  for (const auto& [key, value] : *rules) {
    const RuleEntry* rule = registry.find(key.str());
    if (rule == nullptr) {
      fail(path, key.source(), fmt::format("unknown rule `{}` (see `miglint rules`)", key.str()));
    }
    const toml::table* table = value.as_table();
    if (table == nullptr) {
      fail(path, value.source(), fmt::format("`rules.{}` must be a table", key.str()));
    }
    config.rules[std::string(key.str())] = rule_config(path, *rule, *table);
  }
}

// `pg_version = 15`, `pg_version = "15.4"` and `pg_version = 11.0` mean what they say; the text of a
// float is re-read as written so that 15.10 is not taken for 15.1 (only the major part matters anyway).
std::optional<int> pg_version_value(const toml::node& node) {
  if (const auto integer = node.value_exact<int64_t>()) {
    return *integer >= 0 && *integer <= 1000 ? std::optional<int>(static_cast<int>(*integer)) : std::nullopt;
  }
  if (const auto real = node.value_exact<double>()) {
    return *real >= 0 && *real < 1000 ? std::optional<int>(static_cast<int>(*real)) : std::nullopt;
  }
  if (const auto text = node.value_exact<std::string>()) {
    return parse_pg_version(*text);
  }
  return std::nullopt;
}

void read_top_level(const std::filesystem::path& path, const toml::table& root, Config& config,
                    const RuleRegistry& registry) {
  for (const auto& [key, node] : root) {
    const std::string_view name = key.str();
    if (name == "pg_version") {
      const std::optional<int> version = pg_version_value(node);
      if (!version || *version < kMinPgVersion || *version > kMaxPgVersion) {
        fail(path, node.source(),
             fmt::format("`pg_version` must be a version from {} to {} (e.g. 15 or \"15.4\")", kMinPgVersion, kMaxPgVersion));
      }
      config.pg_version = *version;
    } else if (name == "fail_on") {
      config.fail_on = severity_value(path, node, "fail_on");
    } else if (name == "select") {
      config.select = string_array(path, node, name);
      check_rule_ids(path, node, *config.select, name, registry);
    } else if (name == "ignore") {
      config.ignore = string_array(path, node, name);
      check_rule_ids(path, node, config.ignore, name, registry);
    } else if (name == "layout") {
      const auto text = node.value<std::string>();
      const LayoutInfo* layout = text ? find_layout(*text) : nullptr;
      if (layout == nullptr) {
        fail(path, node.source(), fmt::format("`layout` must be one of: {}", fmt::join(layout_names(), ", ")));
      }
      config.layout = layout->id;
    } else if (name == "lint_downs") {
      const auto text = node.value<std::string>();
      if (!text || (*text != "failures" && *text != "all")) fail(path, node.source(), "`lint_downs` must be \"failures\" or \"all\"");
      config.lint_downs_with_all_rules = *text == "all";
    } else if (name == "exclude") {
      config.exclude = string_array(path, node, name);
    } else if (name == "rules") {
      read_rules(path, node, config, registry);
    } else {
      fail(path, key.source(),
           fmt::format("unknown key `{}` (expected pg_version, fail_on, select, ignore, layout, lint_downs, exclude or [rules.<id>])", name));
    }
  }
}

}  // namespace

std::optional<std::filesystem::path> find_config(const std::filesystem::path& start) {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::absolute(start, ec);
  if (ec) {
    return std::nullopt;
  }
  while (!dir.empty()) {
    for (const char* name : {"miglint.toml", ".miglint.toml"}) {
      const std::filesystem::path candidate = dir / name;
      std::error_code missing;  // a file that is not there is not an error
      if (std::filesystem::is_regular_file(candidate, missing)) {
        return candidate;
      }
    }
    if (dir == dir.parent_path()) {
      break;
    }
    dir = dir.parent_path();
  }
  return std::nullopt;
}

Config parse_config(std::string_view text, const std::filesystem::path& path, const RuleRegistry& registry) {
  toml::table root;
  try {
    root = toml::parse(text, path.string());
  } catch (const toml::parse_error& error) {
    fail(path, error.source(), std::string(error.description()));
  }
  Config config;
  config.path = path;
  read_top_level(path, root, config, registry);
  return config;
}

Config load_config(const std::filesystem::path& path, const RuleRegistry& registry) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(fmt::format("cannot read config file {}", path.string()));
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_config(text.str(), path, registry);
}

std::optional<int> parse_pg_version(std::string_view text) {
  // Up to three dot-separated numbers; the first is the major version (for 9.6 too: miglint's
  // verdicts do not change between 9.x releases it could target).
  int major = -1;
  int parts = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t digits = 0;
    int value = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9' && digits < 4) {
      value = value * 10 + (text[i] - '0');
      ++i;
      ++digits;
    }
    if (digits == 0 || ++parts > 3) return std::nullopt;
    if (major < 0) major = value;
    if (i == text.size()) break;
    if (text[i] != '.' || i + 1 == text.size()) return std::nullopt;
    ++i;
  }
  return major < 0 ? std::nullopt : std::optional<int>(major);
}

}  // namespace miglint
