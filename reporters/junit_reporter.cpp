#include <fmt/format.h>

#include "reporters/reporter.hpp"

namespace miglint {

namespace {

// XML 1.0 cannot carry most control characters even escaped, so they become U+FFFD.
std::string xml_escape(std::string_view text) {
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
      const std::string path = xml_escape(result.file->path());
      out << fmt::format("    <testcase classname=\"miglint\" name=\"{}\" file=\"{}\">\n", path, path);
      for (const Diagnostic& d : result.diagnostics) {
        const Span span = span_of(*result.file, d.range);
        out << fmt::format("      <failure type=\"{}\" message=\"{}\">{}:{}:{}: {}[{}]: {}{}</failure>\n",
                           xml_escape(d.rule), xml_escape(d.message), path, span.start.line, span.start.column,
                           to_string(d.severity), xml_escape(d.rule), xml_escape(d.message),
                           d.help.empty() ? "" : "\nhelp: " + xml_escape(d.help));
      }
      out << "    </testcase>\n";
    }
    out << "  </testsuite>\n</testsuites>\n";
  }
};

}  // namespace

std::unique_ptr<Reporter> make_junit_reporter() { return std::make_unique<JunitReporter>(); }

}  // namespace miglint
