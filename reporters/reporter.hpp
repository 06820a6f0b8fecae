#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "linter/diagnostic.hpp"
#include "linter/rule_registry.hpp"
#include "validator/checks.hpp"
#include "validator/cost.hpp"

namespace miglint {

/// Everything a reporter may show. Reporters only format; they compute nothing new.
struct ReportInput {
  /// One entry per linted file, in run order.
  const std::vector<FileResult>* results = nullptr;
  /// Rule metadata and docs (SARIF rules, help links).
  const RuleRegistry* registry = nullptr;
  /// Use ANSI colours (text only).
  bool color = false;
  /// Statements parsed, for the text summary.
  size_t statement_count = 0;
  /// Extra lines the text reporter prints before its summary (e.g. skipped files).
  std::vector<std::string> notes;
  /// `validate` only: what was checked for each migration (null for lint).
  const std::vector<validate::MigrationCheck>* checks = nullptr;
  /// Prefix that turns a displayed path into a link to the file (Markdown and HTML), e.g.
  /// `https://github.com/owner/repo/blob/<sha>/`; empty for no links.
  std::string link_prefix;
};

/// Counts of findings by severity, and of files with any.
struct FindingCounts {
  /// Errors.
  size_t errors = 0;
  /// Warnings.
  size_t warnings = 0;
  /// Notes.
  size_t notes = 0;
  /// Files with at least one finding.
  size_t files = 0;
  /// All findings.
  size_t total() const { return errors + warnings + notes; }
};

/// Counts the findings of a report.
FindingCounts count_findings(const std::vector<FileResult>& results);

/// What a traced statement did, in one line: `AccessExclusiveLock on users (table); rewrote
/// users, users_pkey; scanned users; 1000 rows`. Locks are those it acquired: one its transaction
/// already held from an earlier statement is not repeated.
std::string describe_trace(const validate::StatementTrace& trace);

/// True when any check carries a statement trace (`validate --trace`).
bool has_traces(const std::vector<validate::MigrationCheck>* checks);

/// One row of a per-rule summary.
struct RuleCount {
  /// The findings' severity.
  Severity severity = Severity::warning;
  /// The rule id.
  std::string rule;
  /// How many findings.
  size_t count = 0;
};

/// Findings per rule and severity, most severe first, then by rule id.
std::vector<RuleCount> count_by_rule(const std::vector<FileResult>& results);

/// "3 errors, 1 warning and 0 notes": the counts in words.
std::string counts_in_words(const FindingCounts& counts);

/// One output format.
class Reporter {
 public:
  /// Reporters are used through this base.
  virtual ~Reporter() = default;
  /// Writes the whole report.
  virtual void write(const ReportInput& input, std::ostream& out) const = 0;
};

/// The names accepted by `--format` for `lint`.
const std::vector<std::string_view>& reporter_names();

/// Creates the reporter for `--format NAME`; throws Error for an unknown name.
std::unique_ptr<Reporter> make_reporter(std::string_view name);

/// Text escaped for XML and HTML content and attributes; control characters that XML 1.0
/// cannot carry even escaped become U+FFFD.
std::string escape_markup(std::string_view text);

/// Start and end (exclusive) of a range as 1-based lines and code-point columns.
struct Span {
  /// First character.
  Position start;
  /// Just past the last character.
  Position end;
};

/// The Span of `range` in `file`.
Span span_of(const SourceFile& file, TextRange range);

/// The reporter factories, one per file in reporters/.
std::unique_ptr<Reporter> make_text_reporter();
/// JSON: {"version": 1, "diagnostics": [...]}.
std::unique_ptr<Reporter> make_json_reporter();
/// SARIF 2.1.0.
std::unique_ptr<Reporter> make_sarif_reporter();
/// GitHub Actions workflow commands.
std::unique_ptr<Reporter> make_github_reporter();
/// GitLab Code Quality JSON.
std::unique_ptr<Reporter> make_gitlab_reporter();
/// JUnit XML.
std::unique_ptr<Reporter> make_junit_reporter();
/// GitHub-flavoured Markdown: the job summary and pull-request comment.
std::unique_ptr<Reporter> make_markdown_reporter();
/// One self-contained HTML page: findings with their SQL, and validate's steps.
std::unique_ptr<Reporter> make_html_reporter();

}  // namespace miglint
