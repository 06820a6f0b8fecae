#include <fmt/format.h>

#include <algorithm>

#include "reporters/reporter.hpp"

namespace miglint {

namespace {

using validate::MigrationCheck;
using validate::StatementTrace;
using validate::StepOutcome;

// Text for one table cell: pipes escaped, line breaks as <br>, and no raw HTML, so a migration
// cannot inject markup into a comment. Inside a `code span` text is literal (an entity would show
// as typed), so only the pipe is escaped there; an unbalanced backtick is escaped instead.
std::string cell(std::string_view text) {
  const bool balanced = std::count(text.begin(), text.end(), '`') % 2 == 0;
  bool in_code = false;
  std::string out;
  for (const char c : text) {
    if (c == '`') {
      if (!balanced) {
        out += "\\`";
        continue;
      }
      in_code = !in_code;
    }
    switch (c) {
      case '|': out += "\\|"; continue;
      case '\n': out += in_code ? " " : "<br>"; continue;
      case '\r': continue;
      default: break;
    }
    if (!in_code && (c == '<' || c == '>' || c == '&')) {
      out += c == '<' ? "&lt;" : c == '>' ? "&gt;" : "&amp;";
      continue;
    }
    out += c;
  }
  return out;
}

std::string_view severity_mark(Severity severity) {
  switch (severity) {
    case Severity::error: return "❌ error";
    case Severity::warning: return "⚠️ warning";
    case Severity::note: return "ℹ️ note";
  }
  return "";
}

// `path:line:col`, linked to the line when the report has a link prefix.
std::string location(const FileResult& result, const Diagnostic& d, const std::string& link_prefix) {
  const Span span = span_of(*result.file, d.range);
  std::string_view path = result.file->path();
  const std::string label = cell(fmt::format("{}:{}:{}", path, span.start.line, span.start.column));
  if (link_prefix.empty() || path.starts_with("../") || path.starts_with("/")) return label;
  if (path.starts_with("./")) path.remove_prefix(2);
  return fmt::format("[{}]({}{}#L{})", label, link_prefix, path, span.start.line);
}

void write_rule_counts(const std::vector<FileResult>& results, std::ostream& out) {
  out << "| severity | rule | findings |\n| --- | --- | ---: |\n";
  for (const RuleCount& row : count_by_rule(results)) {
    out << fmt::format("| {} | `{}` | {} |\n", severity_mark(row.severity), row.rule, row.count);
  }
  out << "\n";
}

void write_findings(const ReportInput& input, std::ostream& out) {
  out << "### Findings\n\n| severity | where | rule | finding |\n| --- | --- | --- | --- |\n";
  for (const FileResult& result : *input.results) {
    for (const Diagnostic& d : result.diagnostics) {
      const std::string help = d.help.empty() ? "" : "<br>**help:** " + cell(d.help);
      out << fmt::format("| {} | {} | `{}` | {}{} |\n", severity_mark(d.severity), location(result, d, input.link_prefix),
                         d.rule, cell(d.message), help);
    }
  }
  out << "\n";
}

std::string step(StepOutcome outcome, double seconds) {
  switch (outcome) {
    case StepOutcome::passed: return fmt::format("✅ passed ({:.2f} s)", seconds);
    case StepOutcome::failed: return fmt::format("❌ failed ({:.2f} s)", seconds);
    case StepOutcome::differs: return fmt::format("⚠️ schema differs ({:.2f} s)", seconds);
    case StepOutcome::skipped: return "⏭️ skipped";
    case StepOutcome::not_run: return "–";
  }
  return "";
}

void write_checks(const std::vector<MigrationCheck>& checks, std::ostream& out) {
  out << "### Migrations checked\n\n| migration | up | down | up again |\n| --- | --- | --- | --- |\n";
  for (const MigrationCheck& check : checks) {
    const std::string name = cell(check.label());
    if (check.at_base) {
      out << fmt::format("| {} | {} | applied at the base, not checked | |\n", name,
                         check.up == StepOutcome::failed ? step(check.up, check.up_seconds) : "✅ applied");
      continue;
    }
    out << fmt::format("| {} | {} | {} | {} |\n", name, step(check.up, check.up_seconds), step(check.down, check.down_seconds),
                       step(check.reapply, check.reapply_seconds));
  }
  out << "\n";
}

// `validate --trace`: a timeline per migration.
void write_traces(const std::vector<MigrationCheck>& checks, std::ostream& out) {
  out << "### Statement trace\n\n";
  for (const MigrationCheck& check : checks) {
    if (check.trace.empty()) continue;
    out << fmt::format("**{}** (`{}`)\n\n| line | statement | time | what it did |\n| --- | --- | --- | --- |\n",
                       cell(check.label()), cell(check.file));
    for (const StatementTrace& trace : check.trace) {
      out << fmt::format("| {} | `{}` | {:.3f} s | {} |\n", trace.line, cell(trace.statement), trace.seconds,
                         cell(describe_trace(trace)));
    }
    out << "\n";
  }
}

class MarkdownReporter final : public Reporter {
 public:
  void write(const ReportInput& input, std::ostream& out) const override {
    const FindingCounts counts = count_findings(*input.results);
    const size_t files = input.results->size();
    out << "## miglint\n\n";
    if (counts.total() == 0) {
      out << fmt::format("✅ **No findings** in {} file{}.\n\n", files, files == 1 ? "" : "s");
    } else {
      out << fmt::format("**{}** in {} of {} file{}.\n\n", counts_in_words(counts), counts.files, files, files == 1 ? "" : "s");
      write_rule_counts(*input.results, out);
      write_findings(input, out);
    }
    if (input.checks != nullptr && !input.checks->empty()) write_checks(*input.checks, out);
    if (has_traces(input.checks)) write_traces(*input.checks, out);
    for (const std::string& note : input.notes) out << "- " << cell(note) << "\n";
    if (!input.notes.empty()) out << "\n";
  }
};

}  // namespace

std::unique_ptr<Reporter> make_markdown_reporter() { return std::make_unique<MarkdownReporter>(); }

}  // namespace miglint
