#include <nlohmann/json.hpp>

#include "reporters/reporter.hpp"

namespace miglint {

namespace {

nlohmann::json position_json(const SourceFile& file, uint32_t offset) {
  const Position p = file.position(offset);
  return {{"line", p.line}, {"column", p.column}, {"offset", offset}};
}

nlohmann::json fix_json(const SourceFile& file, const std::optional<Fix>& fix) {
  if (!fix) {
    return nullptr;
  }
  nlohmann::json edits = nlohmann::json::array();
  for (const Edit& edit : fix->edits) {
    edits.push_back({{"start", position_json(file, edit.range.begin)},
                     {"end", position_json(file, edit.range.end)},
                     {"replacement", edit.replacement}});
  }
  return {{"title", fix->title}, {"safety", fix->safety == FixSafety::safe ? "safe" : "unsafe"}, {"edits", edits}};
}

class JsonReporter final : public Reporter {
 public:
  void write(const ReportInput& input, std::ostream& out) const override {
    nlohmann::json diagnostics = nlohmann::json::array();
    for (const FileResult& result : *input.results) {
      const SourceFile& file = *result.file;
      for (const Diagnostic& d : result.diagnostics) {
        diagnostics.push_back({{"file", file.path()},
                               {"rule", d.rule},
                               {"severity", to_string(d.severity)},
                               {"message", d.message},
                               {"help", d.help},
                               {"start", position_json(file, d.range.begin)},
                               {"end", position_json(file, d.range.end)},
                               {"fix", fix_json(file, d.fix)}});
      }
    }
    // Invalid UTF-8 in the user's files is reported, never echoed, so `replace` only guards.
    out << nlohmann::json{{"version", 1}, {"diagnostics", diagnostics}}.dump(
               2, ' ', false, nlohmann::json::error_handler_t::replace)
        << "\n";
  }
};

}  // namespace

std::unique_ptr<Reporter> make_json_reporter() { return std::make_unique<JsonReporter>(); }

}  // namespace miglint
