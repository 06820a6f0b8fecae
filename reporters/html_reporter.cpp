#include <fmt/format.h>

#include <fmt/ranges.h>

#include <algorithm>

#include "reporters/reporter.hpp"

namespace miglint {

namespace {

using validate::MigrationCheck;
using validate::StepOutcome;

// Lines of SQL shown before and after a finding's own lines.
constexpr uint32_t kContextLines = 2;
// A finding that spans more lines shows only its first ones.
constexpr uint32_t kMaxShownLines = 12;

// Message text with `code spans` as <code>, everything escaped.
std::string prose(std::string_view text) {
  std::string out;
  bool in_code = false;
  size_t start = 0;
  const bool balanced = std::count(text.begin(), text.end(), '`') % 2 == 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && !(balanced && text[i] == '`')) continue;
    out += escape_markup(text.substr(start, i - start));
    if (i < text.size()) out += in_code ? "</code>" : "<code>";
    in_code = !in_code;
    start = i + 1;
  }
  return out;
}

// Self-contained: no scripts, fonts or images from the network.
constexpr std::string_view kStyle = R"(
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 70em; padding: 0 1em; color: #1f2328; }
h1 { font-size: 1.6em; margin-bottom: .2em; }
table { border-collapse: collapse; margin: .5em 0 1.5em; }
th, td { border: 1px solid #d0d7de; padding: .3em .6em; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
code { font: 12px ui-monospace, monospace; background: #f6f8fa; padding: 0 .2em; border-radius: 3px; }
.finding { border: 1px solid #d0d7de; border-left-width: 5px; border-radius: 4px; margin: 1em 0; padding: .5em 1em; }
.finding.error { border-left-color: #cf222e; } .finding.warning { border-left-color: #bf8700; } .finding.note { border-left-color: #0969da; }
.badge { font-weight: 600; text-transform: uppercase; font-size: .8em; }
.error .badge, .failed { color: #cf222e; } .warning .badge, .differs { color: #9a6700; } .note .badge { color: #0969da; }
.passed { color: #1a7f37; }
.where { font-family: ui-monospace, monospace; }
pre { background: #f6f8fa; padding: .5em; overflow-x: auto; margin: .5em 0; }
pre .line { display: block; } pre .hit { background: #fff1c2; }
pre .n { color: #8c959f; display: inline-block; width: 4em; user-select: none; }
.help { color: #1a7f37; }
.summary { font-size: 1.1em; }
.trace td.time { white-space: nowrap; min-width: 9em; }
.bar { display: block; height: .45em; background: #54aeff; border-radius: 2px; margin-top: .2em; min-width: 1px; }
.lock { font: 12px ui-monospace, monospace; padding: 0 .3em; border-radius: 3px; background: #f6f8fa; }
.lock.strongest { background: #fff8c5; font-weight: 600; } .lock.blocks-reads { background: #ffebe9; color: #a40e26; }
.mark { font-size: .8em; font-weight: 600; text-transform: uppercase; padding: 0 .3em; border-radius: 3px; margin-right: .3em; }
.mark.rewrite { background: #ffebe9; color: #a40e26; } .mark.scan { background: #fff8c5; color: #7d4e00; }
.estimate { font-weight: 600; }
.unmeasured { color: #57606a; font-style: italic; }
.claim.agrees { color: #1a7f37; } .claim.disagrees { color: #cf222e; font-weight: 600; }
)";

std::string_view severity_name(Severity severity) { return to_string(severity); }

void write_snippet(const SourceFile& file, const Span& span, std::ostream& out) {
  const LineIndex& lines = file.lines();
  const uint32_t first = span.start.line > kContextLines ? span.start.line - kContextLines : 1;
  const uint32_t last_hit = std::min(span.end.line, span.start.line + kMaxShownLines - 1);
  const uint32_t last = std::min(lines.line_count(), last_hit + kContextLines);
  out << "<pre>";
  for (uint32_t line = first; line <= last; ++line) {
    const bool hit = line >= span.start.line && line <= last_hit;
    out << "<span class=\"line" << (hit ? " hit" : "") << "\"><span class=\"n\">" << line << "</span>"
        << escape_markup(file.slice(lines.line_range(line))) << "</span>";
  }
  out << "</pre>\n";
}

void write_finding(const FileResult& result, const Diagnostic& d, std::ostream& out) {
  const Span span = span_of(*result.file, d.range);
  out << fmt::format("<div class=\"finding {0}\"><span class=\"badge\">{0}</span> <code>{1}</code> "
                     "<span class=\"where\">{2}:{3}:{4}</span>\n<p>{5}</p>\n",
                     severity_name(d.severity), escape_markup(d.rule), escape_markup(result.file->path()), span.start.line,
                     span.start.column, prose(d.message));
  if (!result.file->text().empty()) write_snippet(*result.file, span, out);
  if (!d.help.empty()) out << "<p class=\"help\"><strong>help:</strong> " << prose(d.help) << "</p>\n";
  out << "</div>\n";
}

void write_rule_counts(const std::vector<FileResult>& results, std::ostream& out) {
  out << "<table class=\"rules\"><tr><th>severity</th><th>rule</th><th>findings</th></tr>\n";
  for (const RuleCount& row : count_by_rule(results)) {
    out << fmt::format("<tr><td>{}</td><td><code>{}</code></td><td>{}</td></tr>\n", severity_name(row.severity),
                       escape_markup(row.rule), row.count);
  }
  out << "</table>\n";
}

std::string step_cell(StepOutcome outcome, double seconds) {
  if (outcome == StepOutcome::not_run || outcome == StepOutcome::skipped) {
    return fmt::format("<td>{}</td>", to_string(outcome));
  }
  return fmt::format("<td class=\"{0}\">{0} ({1:.2f} s)</td>", to_string(outcome), seconds);
}

void write_checks(const std::vector<MigrationCheck>& checks, std::ostream& out) {
  out << "<h2>Migrations checked</h2>\n<table class=\"checks\"><tr><th>migration</th><th>file</th><th>up</th>"
         "<th>down</th><th>up again</th></tr>\n";
  for (const MigrationCheck& check : checks) {
    out << fmt::format("<tr><td>{}</td><td class=\"where\">{}</td>", escape_markup(check.label()),
                       escape_markup(check.file));
    if (check.at_base) {
      out << step_cell(check.up, check.up_seconds) << "<td colspan=\"2\">applied at the base, not checked</td></tr>\n";
      continue;
    }
    out << step_cell(check.up, check.up_seconds) << step_cell(check.down, check.down_seconds)
        << step_cell(check.reapply, check.reapply_seconds) << "</tr>\n";
  }
  out << "</table>\n";
}

// The locks of one traced statement; the first (strongest) is highlighted, and ACCESS EXCLUSIVE,
// which stops even reads, more so.
std::string lock_cells(const validate::StatementTrace& trace) {
  if (!trace.locks_measured) return "<span class=\"unmeasured\">not measured (runs outside a transaction block)</span>";
  if (trace.locks.empty()) return "<span class=\"unmeasured\">no new lock on existing relations</span>";
  std::string out;
  for (size_t i = 0; i < trace.locks.size(); ++i) {
    const validate::TracedLock& lock = trace.locks[i];
    const std::string classes = std::string("lock") + (i == 0 ? " strongest" : "") +
                                (lock.mode == "AccessExclusiveLock" ? " blocks-reads" : "");
    out += fmt::format("{}<span class=\"{}\">{}</span> on <code>{}</code> ({})", i == 0 ? "" : "<br>", classes,
                       escape_markup(lock.mode), escape_markup(lock.relation), escape_markup(lock.kind));
  }
  return out;
}

std::string mark_cells(const validate::StatementTrace& trace) {
  std::string out;
  if (!trace.rewritten.empty()) {
    out += fmt::format("<span class=\"mark rewrite\">rewrite</span>{}<br>", escape_markup(fmt::format("{}", fmt::join(trace.rewritten, ", "))));
  }
  if (!trace.scanned.empty()) {
    out += fmt::format("<span class=\"mark scan\">scan</span>{}<br>", escape_markup(fmt::format("{}", fmt::join(trace.scanned, ", "))));
  }
  if (trace.rows != 0) out += fmt::format("{} rows<br>", trace.rows);
  if (trace.estimate_seconds > 0) {
    out += fmt::format("<span class=\"estimate\">production: about {} of {} ({:.0f} rows)</span><br>",
                       escape_markup(validate::human_seconds(trace.estimate_seconds)), escape_markup(trace.estimate_lock),
                       trace.estimate_rows);
  }
  if (!trace.claim.empty()) {
    out += fmt::format("<span class=\"claim {}\">linter: {} ({})</span>", trace.claim_agrees ? "agrees" : "disagrees",
                       escape_markup(trace.claim), trace.claim_agrees ? "agrees" : "disagrees");
  }
  return out;
}

// `validate --trace`: per migration, its statements in order, with a bar for each one's share of
// the migration's slowest statement.
void write_traces(const std::vector<MigrationCheck>& checks, std::ostream& out) {
  out << "<h2>Statement trace</h2>\n";
  for (const MigrationCheck& check : checks) {
    if (check.trace.empty()) continue;
    double slowest = 0;
    for (const validate::StatementTrace& trace : check.trace) slowest = std::max(slowest, trace.seconds);
    out << fmt::format("<h3>{} <span class=\"where\">{}</span></h3>\n", escape_markup(check.label()), escape_markup(check.file));
    out << "<table class=\"trace\"><tr><th>line</th><th>statement</th><th>time</th><th>locks</th><th>rewrites, scans, the linter's claim</th></tr>\n";
    for (const validate::StatementTrace& trace : check.trace) {
      const double share = slowest > 0 ? 100.0 * trace.seconds / slowest : 0;
      out << fmt::format("<tr class=\"traced\"><td>{}</td><td><code>{}</code></td><td class=\"time\">{:.3f} s"
                         "<span class=\"bar\" style=\"width: {:.0f}%\"></span></td><td>{}</td><td>{}</td></tr>\n",
                         trace.line, escape_markup(trace.statement), trace.seconds, share, lock_cells(trace),
                         mark_cells(trace));
    }
    out << "</table>\n";
  }
}

class HtmlReporter final : public Reporter {
 public:
  void write(const ReportInput& input, std::ostream& out) const override {
    const FindingCounts counts = count_findings(*input.results);
    out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<title>miglint report</title>\n<style>"
        << kStyle << "</style>\n</head>\n<body>\n<h1>miglint</h1>\n";
    const size_t files = input.results->size();
    if (counts.total() == 0) {
      out << fmt::format("<p class=\"summary passed\">No findings in {} file{}.</p>\n", files, files == 1 ? "" : "s");
    } else {
      out << fmt::format("<p class=\"summary\">{} in {} of {} file{}.</p>\n", counts_in_words(counts), counts.files,
                         files, files == 1 ? "" : "s");
      write_rule_counts(*input.results, out);
    }
    if (input.checks != nullptr && !input.checks->empty()) write_checks(*input.checks, out);
    if (has_traces(input.checks)) write_traces(*input.checks, out);
    if (counts.total() > 0) {
      out << "<h2>Findings</h2>\n";
      for (const FileResult& result : *input.results) {
        for (const Diagnostic& d : result.diagnostics) write_finding(result, d, out);
      }
    }
    if (!input.notes.empty()) {
      out << "<h2>Notes</h2>\n<ul class=\"notes\">\n";
      for (const std::string& note : input.notes) out << "<li>" << escape_markup(note) << "</li>\n";
      out << "</ul>\n";
    }
    out << "</body>\n</html>\n";
  }
};

}  // namespace

std::unique_ptr<Reporter> make_html_reporter() { return std::make_unique<HtmlReporter>(); }

}  // namespace miglint
