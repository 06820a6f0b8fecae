#include <fmt/format.h>

#include <algorithm>

#include "reporters/reporter.hpp"

namespace miglint {

namespace {

struct Style {
  bool color;
  std::string paint(std::string_view text, std::string_view code) const {
    return color ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : std::string(text);
  }
};

std::string_view severity_color(Severity severity) {
  switch (severity) {
    case Severity::error: return "1;31";
    case Severity::warning: return "1;33";
    case Severity::note: return "1;36";
  }
  return "1";
}

// The caret line keeps the tabs of the source line so carets stay under the right characters.
std::string caret_line(std::string_view line, uint32_t start_column, uint32_t end_column) {
  std::string out;
  uint32_t column = 1;
  for (size_t i = 0; i < line.size() && column < start_column; ++i) {
    const auto byte = static_cast<unsigned char>(line[i]);
    if ((byte & 0xC0U) == 0x80U) continue;
    out += line[i] == '\t' ? '\t' : ' ';
    ++column;
  }
  return out + std::string(std::max<uint32_t>(1, end_column - start_column), '^');
}

// Byte offset of 1-based code-point `column` in `line` (the end for columns past it).
size_t byte_of_column(std::string_view line, uint32_t column) {
  uint32_t current = 1;
  for (size_t i = 0; i < line.size(); ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0U) == 0x80U) continue;
    if (current == column) return i;
    ++current;
  }
  return line.size();
}

// A long line (minified SQL, a 50 MB one-line INSERT) is shown as a window around the finding.
constexpr uint32_t kMaxShownColumns = 400;
constexpr uint32_t kColumnsBefore = 100;

void write_snippet(const SourceFile& file, const Diagnostic& d, const Style& style, std::ostream& out) {
  const Span span = span_of(file, d.range);
  const TextRange line_range = file.lines().line_range(span.start.line);
  const std::string_view full_line = file.slice(line_range);
  const uint32_t line_end_column = file.position(line_range.end).column;
  uint32_t end_column = span.end.line == span.start.line ? span.end.column : line_end_column;
  uint32_t first_column = 1;
  if (line_end_column > kMaxShownColumns && span.start.column > kColumnsBefore) first_column = span.start.column - kColumnsBefore;
  const uint32_t past_last_column = first_column + kMaxShownColumns;
  const size_t begin = byte_of_column(full_line, first_column);
  std::string line(full_line.substr(begin, byte_of_column(full_line, past_last_column) - begin));
  uint32_t start_column = span.start.column - first_column + 1;
  end_column = std::min(end_column, past_last_column) - first_column + 1;
  if (first_column > 1) {
    line = "…" + line;
    ++start_column;
    ++end_column;
  }
  if (past_last_column < line_end_column) line += "…";
  const std::string number = std::to_string(span.start.line);
  const std::string gutter(number.size(), ' ');
  out << style.paint(gutter + " |", "34") << "\n";
  out << style.paint(number + " |", "34") << " " << line << "\n";
  out << style.paint(gutter + " |", "34") << " "
      << style.paint(caret_line(line, start_column, std::max(end_column, start_column + 1)), severity_color(d.severity))
      << (span.end.line > span.start.line ? style.paint(" ...", "34") : "") << "\n";
}

class TextReporter final : public Reporter {
 public:
  // `validate --trace`: each migration's statements, in order, with what they did.
  static void write_traces(const std::vector<validate::MigrationCheck>& checks, const Style& style, std::ostream& out) {
    out << style.paint("Statement trace:", "1") << "\n";
    for (const validate::MigrationCheck& check : checks) {
      if (check.trace.empty()) continue;
      out << "  " << check.label() << " (" << check.file << ")\n";
      for (const validate::StatementTrace& trace : check.trace) {
        out << fmt::format("    line {:<5} {:>8.3f} s  {}\n", trace.line, trace.seconds, describe_trace(trace));
        out << fmt::format("               {}\n", style.paint(trace.statement, "2"));
      }
    }
    out << "\n";
  }

  void write(const ReportInput& input, std::ostream& out) const override {
    const Style style{input.color};
    size_t counts[3] = {0, 0, 0};
    size_t files_with_findings = 0;
    for (const FileResult& result : *input.results) {
      files_with_findings += result.diagnostics.empty() ? 0 : 1;
      for (const Diagnostic& d : result.diagnostics) {
        ++counts[static_cast<int>(d.severity)];
        const Span span = span_of(*result.file, d.range);
        out << style.paint(fmt::format("{}:{}:{}:", result.file->path(), span.start.line, span.start.column), "1")
            << " " << style.paint(fmt::format("{}[{}]", to_string(d.severity), d.rule), severity_color(d.severity))
            << ": " << d.message << "\n";
        write_snippet(*result.file, d, style, out);
        if (!d.help.empty()) {
          out << style.paint("help:", "1;32") << " " << d.help << "\n";
        }
        out << "\n";
      }
    }
    if (has_traces(input.checks)) write_traces(*input.checks, style, out);
    for (const std::string& note : input.notes) {
      out << note << "\n";
    }
    const size_t total = counts[0] + counts[1] + counts[2];
    // Lint counts the statements it parsed; validate reports its own summary in a note instead.
    const std::string statements =
        input.statement_count == 0 ? "" : fmt::format(" ({} statements)", input.statement_count);
    if (total == 0) {
      out << fmt::format("No findings in {} file{}{}.\n", input.results->size(), input.results->size() == 1 ? "" : "s",
                         statements);
      return;
    }
    out << fmt::format("Found {} error{}, {} warning{} and {} note{} in {} of {} files{}.\n", counts[2],
                       counts[2] == 1 ? "" : "s", counts[1], counts[1] == 1 ? "" : "s", counts[0], counts[0] == 1 ? "" : "s",
                       files_with_findings, input.results->size(), statements);
  }
};

}  // namespace

std::unique_ptr<Reporter> make_text_reporter() { return std::make_unique<TextReporter>(); }

}  // namespace miglint
