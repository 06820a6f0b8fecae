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

nlohmann::json trace_json(const validate::StatementTrace& trace) {
  nlohmann::json locks = nlohmann::json::array();
  for (const validate::TracedLock& lock : trace.locks) {
    locks.push_back({{"relation", lock.relation}, {"kind", lock.kind}, {"mode", lock.mode}});
  }
  return {{"line", trace.line},          {"statement", trace.statement}, {"seconds", trace.seconds},
          {"locks_measured", trace.locks_measured},
          {"locks", locks},               {"rewritten", trace.rewritten}, {"scanned", trace.scanned},
          {"rows", trace.rows},
          {"seconds_on_empty_tables",
           trace.seconds_on_empty_tables < 0 ? nlohmann::json(nullptr) : nlohmann::json(trace.seconds_on_empty_tables)},
          {"production_estimate",
           trace.estimate_seconds <= 0
               ? nlohmann::json(nullptr)
               : nlohmann::json{{"table", trace.estimate_table}, {"rows", trace.estimate_rows},
                                {"lock", trace.estimate_lock}, {"seconds", trace.estimate_seconds}}},
          {"linter_claim", trace.claim.empty() ? nlohmann::json(nullptr)
                                               : nlohmann::json{{"lock", trace.claim}, {"agrees", trace.claim_agrees}}}};
}

// `validate`: one entry per migration with its steps, and with --trace its statements.
nlohmann::json checks_json(const std::vector<validate::MigrationCheck>& checks) {
  nlohmann::json out = nlohmann::json::array();
  for (const validate::MigrationCheck& check : checks) {
    nlohmann::json statements = nlohmann::json::array();
    for (const validate::StatementTrace& trace : check.trace) statements.push_back(trace_json(trace));
    out.push_back({{"version", check.version},
                   {"name", check.name},
                   {"file", check.file},
                   {"at_base", check.at_base},
                   {"up", {{"outcome", to_string(check.up)}, {"seconds", check.up_seconds}}},
                   {"down", {{"outcome", to_string(check.down)}, {"seconds", check.down_seconds}}},
                   {"up_again", {{"outcome", to_string(check.reapply)}, {"seconds", check.reapply_seconds}}},
                   {"trace", statements}});
  }
  return out;
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
    nlohmann::json report = {{"version", 1}, {"diagnostics", diagnostics}};
    if (input.checks != nullptr) report["migrations"] = checks_json(*input.checks);
    out << report.dump(
               2, ' ', false, nlohmann::json::error_handler_t::replace)
        << "\n";
  }
};

}  // namespace

std::unique_ptr<Reporter> make_json_reporter() { return std::make_unique<JsonReporter>(); }

}  // namespace miglint
