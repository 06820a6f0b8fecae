#include <fmt/format.h>

#include "reporters/reporter.hpp"

namespace miglint {

namespace {

std::string_view command_for(Severity severity) {
  switch (severity) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::note: return "notice";
  }
  return "warning";
}

// Workflow command escaping, as the Actions runner decodes it.
std::string escape_data(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      default: out += c;
    }
  }
  return out;
}

std::string escape_property(std::string_view text) {
  std::string out;
  for (const char c : escape_data(text)) {
    switch (c) {
      case ':': out += "%3A"; break;
      case ',': out += "%2C"; break;
      default: out += c;
    }
  }
  return out;
}

class GithubReporter final : public Reporter {
 public:
  void write(const ReportInput& input, std::ostream& out) const override {
    for (const FileResult& result : *input.results) {
      for (const Diagnostic& d : result.diagnostics) {
        const Span span = span_of(*result.file, d.range);
        // GitHub ignores col/endColumn on annotations that span lines, so only send them for one line.
        const std::string columns =
            span.start.line == span.end.line ? fmt::format(",col={},endColumn={}", span.start.column, span.end.column) : "";
        out << "::" << command_for(d.severity) << " file=" << escape_property(result.file->path())
            << ",line=" << span.start.line << ",endLine=" << span.end.line << columns
            << ",title=" << escape_property("miglint " + d.rule) << "::"
            << escape_data(d.help.empty() ? d.message : d.message + "\n\nhelp: " + d.help) << "\n";
      }
    }
  }
};

}  // namespace

std::unique_ptr<Reporter> make_github_reporter() { return std::make_unique<GithubReporter>(); }

}  // namespace miglint
