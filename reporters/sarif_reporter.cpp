#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <map>

#include "linter/sha256.hpp"
#include "reporters/reporter.hpp"

namespace miglint {

namespace {

using nlohmann::json;

std::string_view sarif_level(Severity severity) {
  switch (severity) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::note: return "note";
  }
  return "warning";
}

// SARIF wants URIs: forward slashes, and percent-encoding for characters outside the safe set.
std::string artifact_uri(const std::string& path) {
  std::string out;
  for (const char c : path) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || std::string_view("-._~/").find(c) != std::string_view::npos) {
      out += c;
    } else if (c == '\\') {
      out += '/';
    } else {
      out += fmt::format("%{:02X}", u);
    }
  }
  return out;
}

json region(const SourceFile& file, TextRange range) {
  const Span span = span_of(file, range);
  return {{"startLine", span.start.line},
          {"startColumn", span.start.column},
          {"endLine", span.end.line},
          {"endColumn", span.end.column},
          {"charOffset", range.begin},
          {"charLength", range.end - range.begin}};
}

json rule_descriptor(const RuleEntry& entry) {
  return {{"id", entry.info->id},
          {"name", entry.info->id},
          {"shortDescription", {{"text", entry.info->summary}}},
          {"fullDescription", {{"text", entry.info->summary}, {"markdown", entry.doc}}},
          {"help", {{"text", entry.doc}, {"markdown", entry.doc}}},
          {"defaultConfiguration", {{"level", sarif_level(entry.info->default_severity)}}},
          {"properties", {{"category", to_string(entry.info->category)}}}};
}

json fixes(const SourceFile& file, const std::optional<Fix>& fix) {
  json out = json::array();
  if (!fix) {
    return out;
  }
  json replacements = json::array();
  for (const Edit& edit : fix->edits) {
    replacements.push_back({{"deletedRegion", region(file, edit.range)}, {"insertedContent", {{"text", edit.replacement}}}});
  }
  out.push_back({{"description", {{"text", fix->title}}},
                 {"artifactChanges", json::array({{{"artifactLocation", {{"uri", artifact_uri(file.path())}}},
                                                   {"replacements", replacements}}})}});
  return out;
}

class SarifReporter final : public Reporter {
 public:
  void write(const ReportInput& input, std::ostream& out) const override {
    json rules = json::array();
    std::map<std::string, size_t, std::less<>> rule_index;
    for (const RuleEntry& entry : input.registry->entries()) {
      rule_index[std::string(entry.info->id)] = rules.size();
      rules.push_back(rule_descriptor(entry));
    }
    json results = json::array();
    for (const FileResult& result : *input.results) {
      const SourceFile& file = *result.file;
      for (const Diagnostic& d : result.diagnostics) {
        json item = {{"ruleId", d.rule},
                     {"level", sarif_level(d.severity)},
                     {"message", {{"text", d.help.empty() ? d.message : d.message + "\n\nhelp: " + d.help}}},
                     {"locations",
                      json::array({{{"physicalLocation",
                                     {{"artifactLocation", {{"uri", artifact_uri(file.path())}}},
                                      {"region", region(file, d.range)}}}}})},
                     {"partialFingerprints",
                      {{"miglintContent/v1", sha256_hex(d.rule + "\n" + file.path() + "\n" + std::string(file.slice(d.range)))}}}};
        if (const auto it = rule_index.find(d.rule); it != rule_index.end()) {
          item["ruleIndex"] = it->second;
        }
        if (d.fix) {
          item["fixes"] = fixes(file, d.fix);
        }
        results.push_back(std::move(item));
      }
    }
    const json log = {
        {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
        {"version", "2.1.0"},
        {"runs", json::array({{{"tool",
                                {{"driver",
                                  {{"name", "miglint"},
                                   {"version", MIGLINT_VERSION},
                                   {"semanticVersion", MIGLINT_VERSION},
                                   {"rules", rules}}}}},
                               {"columnKind", "unicodeCodePoints"},
                               {"results", results}}})}};
    out << log.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  }
};

}  // namespace

std::unique_ptr<Reporter> make_sarif_reporter() { return std::make_unique<SarifReporter>(); }

}  // namespace miglint
