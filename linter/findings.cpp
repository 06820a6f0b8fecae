#include "linter/findings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "linter/suppression.hpp"

namespace miglint {

namespace {

// The statement whose text contains `offset`.
std::optional<TextRange> statement_at(std::span<const ParsedFile* const> scripts, uint32_t offset) {
  for (const ParsedFile* script : scripts) {
    const std::vector<Statement>& statements = script->linted_statements();
    const auto next = std::upper_bound(statements.begin(), statements.end(), offset,
                                       [](uint32_t at, const Statement& s) { return at < s.range.begin; });
    if (next == statements.begin()) continue;
    const auto candidate = std::prev(next);
    if (offset < std::max(candidate->range.end, candidate->range.begin + 1)) return candidate->range;
  }
  return std::nullopt;
}

bool is_suppressed(const Diagnostic& d, std::span<const ParsedFile* const> scripts, std::vector<Suppression>& suppressions) {
  const std::optional<TextRange> stmt = statement_at(scripts, d.range.begin);
  bool suppressed = false;
  for (Suppression& s : suppressions) {
    const bool applies = s.scope == Suppression::Scope::file || (stmt && s.statement == stmt) ||
                         (d.range.begin >= s.line_target.begin && d.range.begin <= s.line_target.end &&
                          s.line_target.end > s.line_target.begin);
    // Every suppression that applies is marked used, not only the first.
    suppressed = (applies && s.covers(d.rule)) || suppressed;
  }
  return suppressed;
}

// Findings about the suppression comments themselves: ids that name no rule, and suppressions of
// lint rules that suppressed nothing.
std::vector<Diagnostic> audit_suppressions(const std::vector<Suppression>& suppressions, const RuleSet& rules) {
  std::vector<Diagnostic> meta;
  for (const Suppression& s : suppressions) {
    const std::string directive = s.scope == Suppression::Scope::file ? "miglint-ignore-file" : "miglint-ignore";
    if (s.ids.empty() && !s.used && s.scope == Suppression::Scope::statement) {
      meta.push_back(rules.diagnostic(ReportedRule::unused_suppression, s.comment,
                                      !s.attached() ? "`miglint-ignore` is not directly above a statement"
                                                    : "`miglint-ignore` suppresses nothing on this statement",
                                      "Remove the comment, or move it to the line directly above the statement."));
    }
    for (const SuppressedId& id : s.ids) {
      const RuleEntry* entry = rules.registry().find(id.id);
      if (entry == nullptr) {
        meta.push_back(rules.diagnostic(ReportedRule::unknown_suppression, id.range,
                                        fmt::format("`{}` names unknown rule `{}`", directive, id.id),
                                        "Check the spelling; `miglint rules` lists every rule id."));
      } else if (!id.used && rules.enabled(id.id) && pass_of(*entry->info) == Pass::lint) {
        meta.push_back(rules.diagnostic(
            ReportedRule::unused_suppression, id.range,
            s.scope == Suppression::Scope::statement && !s.attached()
                ? fmt::format("`{}: {}` is not directly above a statement, so it suppresses nothing", directive, id.id)
                : fmt::format("`{}: {}` suppresses nothing", directive, id.id),
            "Remove the id (or the whole comment) if the finding is gone."));
      }
    }
  }
  return meta;
}

bool suppressed_by_file_comment(const Diagnostic& d, const std::vector<Suppression>& suppressions) {
  return std::any_of(suppressions.begin(), suppressions.end(), [&](const Suppression& s) {
    return s.scope == Suppression::Scope::file &&
           std::any_of(s.ids.begin(), s.ids.end(), [&](const SuppressedId& id) { return id.id == d.rule; });
  });
}

std::vector<Diagnostic> apply_suppressions(std::span<const ParsedFile* const> scripts, std::vector<Suppression> suppressions,
                                           std::vector<Diagnostic> in, const RuleSet& rules, Pass pass) {
  if (suppressions.empty()) {
    return in;
  }
  std::vector<Diagnostic> kept;
  for (Diagnostic& d : in) {
    if (!is_suppressed(d, scripts, suppressions)) kept.push_back(std::move(d));
  }
  if (pass != Pass::lint) {
    return kept;
  }
  for (Diagnostic& d : audit_suppressions(suppressions, rules)) {
    if (!suppressed_by_file_comment(d, suppressions)) kept.push_back(std::move(d));
  }
  return kept;
}

}  // namespace

std::vector<Diagnostic> finalize_findings(const SourceFile& file, std::span<const ParsedFile* const> scripts,
                                          std::vector<Diagnostic> findings, const RuleSet& rules, Pass pass) {
  std::vector<Suppression> suppressions;
  for (const ParsedFile* script : scripts) {
    std::vector<Suppression> found = find_suppressions(file, *script);
    suppressions.insert(suppressions.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
  }
  return finalize_findings(scripts, std::move(suppressions), std::move(findings), rules, pass);
}

std::vector<Diagnostic> finalize_findings(std::span<const ParsedFile* const> scripts,
                                          std::vector<Suppression> suppressions, std::vector<Diagnostic> findings,
                                          const RuleSet& rules, Pass pass) {
  std::vector<Diagnostic> diagnostics =
      apply_suppressions(scripts, std::move(suppressions), std::move(findings), rules, pass);
  std::erase_if(diagnostics, [&](const Diagnostic& d) { return !rules.enabled(d.rule); });
  for (Diagnostic& d : diagnostics) {
    if (const std::optional<Severity> configured = rules.configured_severity(d.rule)) {
      d.severity = *configured;
    }
  }
  std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.range.begin, a.range.end, a.rule) < std::tie(b.range.begin, b.range.end, b.rule);
  });
  return diagnostics;
}

}  // namespace miglint
