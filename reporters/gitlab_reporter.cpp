#include <nlohmann/json.hpp>

#include <map>

#include "linter/sha256.hpp"
#include "reporters/reporter.hpp"

namespace miglint {

namespace {

std::string_view gitlab_severity(Severity severity) {
  switch (severity) {
    case Severity::error: return "critical";
    case Severity::warning: return "major";
    case Severity::note: return "info";
  }
  return "major";
}

class GitlabReporter final : public Reporter {
 public:
  void write(const ReportInput& input, std::ostream& out) const override {
    nlohmann::json issues = nlohmann::json::array();
    for (const FileResult& result : *input.results) {
      const SourceFile& file = *result.file;
      // The fingerprint must survive unrelated edits that move lines, so it hashes the rule, the
      // file and the flagged text, plus a counter for identical findings in one file.
      std::map<std::string, int> seen;
      for (const Diagnostic& d : result.diagnostics) {
        const std::string key = d.rule + "\n" + file.path() + "\n" + std::string(file.slice(d.range));
        const int occurrence = seen[key]++;
        const Span span = span_of(file, d.range);
        issues.push_back({{"type", "issue"},
                          {"check_name", d.rule},
                          {"description", d.message},
                          {"content", {{"body", d.help}}},
                          {"categories", nlohmann::json::array({"Bug Risk"})},
                          {"severity", gitlab_severity(d.severity)},
                          {"fingerprint", sha256_hex(key + "\n" + std::to_string(occurrence))},
                          {"location", {{"path", file.path()}, {"lines", {{"begin", span.start.line}, {"end", span.end.line}}}}}});
      }
    }
    out << issues.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  }
};

}  // namespace

std::unique_ptr<Reporter> make_gitlab_reporter() { return std::make_unique<GitlabReporter>(); }

}  // namespace miglint
