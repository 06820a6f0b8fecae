#include "reporters/reporter.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <functional>
#include <map>

#include "linter/error.hpp"

namespace miglint {

namespace {

const std::map<std::string_view, std::function<std::unique_ptr<Reporter>()>>& factories() {
  static const std::map<std::string_view, std::function<std::unique_ptr<Reporter>()>> table = {
      {"text", make_text_reporter},     {"json", make_json_reporter},     {"sarif", make_sarif_reporter},
      {"github", make_github_reporter}, {"gitlab", make_gitlab_reporter}, {"junit", make_junit_reporter},
      {"markdown", make_markdown_reporter}, {"html", make_html_reporter},
  };
  return table;
}

}  // namespace

const std::vector<std::string_view>& reporter_names() {
  static const std::vector<std::string_view> names = {"text", "json", "sarif", "github", "gitlab", "junit", "markdown", "html"};
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

std::vector<RuleCount> count_by_rule(const std::vector<FileResult>& results) {
  std::map<std::pair<int, std::string>, size_t> counts;  // (-severity, rule) -> count
  for (const FileResult& result : results) {
    for (const Diagnostic& d : result.diagnostics) ++counts[{-static_cast<int>(d.severity), d.rule}];
  }
  std::vector<RuleCount> out;
  for (const auto& [key, count] : counts) out.push_back({static_cast<Severity>(-key.first), key.second, count});
  return out;
}

std::string counts_in_words(const FindingCounts& counts) {
  auto plural = [](size_t n, std::string_view word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); };
  return fmt::format("{}, {} and {}", plural(counts.errors, "error"), plural(counts.warnings, "warning"),
                     plural(counts.notes, "note"));
}

std::string escape_markup(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') {
          out += "\xEF\xBF\xBD";
        } else {
          out += c;
        }
    }
  }
  return out;
}

Span span_of(const SourceFile& file, TextRange range) {
  return {file.position(range.begin), file.position(std::max(range.end, range.begin))};
}

std::string describe_trace(const validate::StatementTrace& trace) {
  std::vector<std::string> parts;
  if (!trace.locks_measured) {
    parts.emplace_back("locks not measured (runs outside a transaction block)");
  } else if (trace.locks.empty()) {
    parts.emplace_back("no new lock on existing relations");
  } else {
    std::vector<std::string> locks;
    for (const validate::TracedLock& lock : trace.locks) {
      locks.push_back(fmt::format("{} on {} ({})", lock.mode, lock.relation, lock.kind));
    }
    parts.push_back(fmt::format("{}", fmt::join(locks, ", ")));
  }
  if (!trace.rewritten.empty()) parts.push_back(fmt::format("rewrote {}", fmt::join(trace.rewritten, ", ")));
  if (!trace.scanned.empty()) parts.push_back(fmt::format("scanned {}", fmt::join(trace.scanned, ", ")));
  if (trace.rows != 0) parts.push_back(fmt::format("{} rows", trace.rows));
  if (trace.estimate_seconds > 0) {
    parts.push_back(fmt::format("at production size about {} of {} on {} ({:.0f} rows)", validate::human_seconds(trace.estimate_seconds),
                                trace.estimate_lock, trace.estimate_table, trace.estimate_rows));
  }
  if (!trace.claim.empty()) {
    parts.push_back(fmt::format("linter: {} ({})", trace.claim, trace.claim_agrees ? "agrees" : "DISAGREES"));
  }
  return fmt::format("{}", fmt::join(parts, "; "));
}

bool has_traces(const std::vector<validate::MigrationCheck>* checks) {
  return checks != nullptr && std::any_of(checks->begin(), checks->end(),
                                          [](const validate::MigrationCheck& check) { return !check.trace.empty(); });
}

}  // namespace miglint
