#include "reporters/reporter.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <functional>
#include <map>

#include "linter/error.hpp"

namespace miglint {

namespace {

const std::map<std::string_view, std::function<std::unique_ptr<Reporter>()>>& factories() {
  static const std::map<std::string_view, std::function<std::unique_ptr<Reporter>()>> table = {
      {"text", make_text_reporter},     {"json", make_json_reporter},     {"sarif", make_sarif_reporter},
      {"github", make_github_reporter}, {"gitlab", make_gitlab_reporter}, {"junit", make_junit_reporter},
      {"markdown", make_markdown_reporter},
  };
  return table;
}

}  // namespace

const std::vector<std::string_view>& reporter_names() {
  static const std::vector<std::string_view> names = {"text", "json", "sarif", "github", "gitlab", "junit", "markdown"};
  return names;
}

std::unique_ptr<Reporter> make_reporter(std::string_view name) {
  const auto it = factories().find(name);
  if (it == factories().end()) {
    throw Error(fmt::format("unknown format `{}` (expected one of: {})", name, fmt::join(reporter_names(), ", ")));
  }
  return it->second();
}

FindingCounts count_findings(const std::vector<FileResult>& results) {
  FindingCounts counts;
  for (const FileResult& result : results) {
    counts.files += result.diagnostics.empty() ? 0 : 1;
    for (const Diagnostic& d : result.diagnostics) {
      switch (d.severity) {
        case Severity::error: ++counts.errors; break;
        case Severity::warning: ++counts.warnings; break;
        case Severity::note: ++counts.notes; break;
      }
    }
  }
  return counts;
}

std::string counts_in_words(const FindingCounts& counts) {
  auto plural = [](size_t n, std::string_view word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); };
  return fmt::format("{}, {} and {}", plural(counts.errors, "error"), plural(counts.warnings, "warning"),
                     plural(counts.notes, "note"));
}

Span span_of(const SourceFile& file, TextRange range) {
  return {file.position(range.begin), file.position(std::max(range.end, range.begin))};
}

}  // namespace miglint
