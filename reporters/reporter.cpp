#include "reporters/reporter.hpp"

#include <fmt/format.h>

#include <functional>
#include <map>

#include "linter/error.hpp"

namespace miglint {

namespace {

const std::map<std::string_view, std::function<std::unique_ptr<Reporter>()>>& factories() {
  static const std::map<std::string_view, std::function<std::unique_ptr<Reporter>()>> table = {
      {"text", make_text_reporter},     {"json", make_json_reporter},     {"sarif", make_sarif_reporter},
      {"github", make_github_reporter}, {"gitlab", make_gitlab_reporter}, {"junit", make_junit_reporter},
  };
  return table;
}

}  // namespace

const std::vector<std::string_view>& reporter_names() {
  static const std::vector<std::string_view> names = {"text", "json", "sarif", "github", "gitlab", "junit"};
  return names;
}

std::unique_ptr<Reporter> make_reporter(std::string_view name) {
  const auto it = factories().find(name);
  if (it == factories().end()) {
    throw Error(fmt::format("unknown format `{}` (expected one of: text, json, sarif, github, gitlab, junit)", name));
  }
  return it->second();
}

Span span_of(const SourceFile& file, TextRange range) {
  return {file.position(range.begin), file.position(std::max(range.end, range.begin))};
}

}  // namespace miglint
