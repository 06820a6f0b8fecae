#include <fmt/format.h>

#include "reporters/reporter.hpp"

namespace miglint {

namespace {

class JunitReporter final : public Reporter {
 public:
  void write(const ReportInput& input, std::ostream& out) const override {
    size_t failures = 0;
    for (const FileResult& result : *input.results) {
      failures += result.diagnostics.empty() ? 0 : 1;
    }
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out << fmt::format("<testsuites name=\"miglint\" tests=\"{0}\" failures=\"{1}\">\n", input.results->size(), failures);
    out << fmt::format("  <testsuite name=\"miglint\" tests=\"{0}\" failures=\"{1}\">\n", input.results->size(), failures);
    for (const FileResult& result : *input.results) {
      const std::string path = escape_markup(result.file->path());
      out << fmt::format("    <testcase classname=\"miglint\" name=\"{}\" file=\"{}\">\n", path, path);
      for (const Diagnostic& d : result.diagnostics) {
        const Span span = span_of(*result.file, d.range);
        out << fmt::format("      <failure type=\"{}\" message=\"{}\">{}:{}:{}: {}[{}]: {}{}</failure>\n",
                           escape_markup(d.rule), escape_markup(d.message), path, span.start.line, span.start.column,
                           to_string(d.severity), escape_markup(d.rule), escape_markup(d.message),
                           d.help.empty() ? "" : "\nhelp: " + escape_markup(d.help));
      }
      out << "    </testcase>\n";
    }
    out << "  </testsuite>\n</testsuites>\n";
  }
};

}  // namespace

std::unique_ptr<Reporter> make_junit_reporter() { return std::make_unique<JunitReporter>(); }

}  // namespace miglint
