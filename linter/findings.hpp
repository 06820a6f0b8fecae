#pragma once

#include <span>
#include <vector>

#include "linter/diagnostic.hpp"
#include "linter/parse.hpp"
#include "linter/rule_set.hpp"
#include "linter/source_file.hpp"
#include "linter/suppression.hpp"

namespace miglint {

/// Applies a run's rule set to one file's raw findings, the same way for `lint` and `validate`:
/// drops findings that a `miglint-ignore` comment in `scripts` suppresses and those of rules that
/// are not enabled, sets configured severities, and sorts by position. In the lint pass it also
/// reports unknown ids in suppression comments, and suppressions of lint rules that suppressed
/// nothing; `validate` leaves those to lint, since it never sees lint findings.
std::vector<Diagnostic> finalize_findings(const SourceFile& file, std::span<const ParsedFile* const> scripts,
                                          std::vector<Diagnostic> findings, const RuleSet& rules, Pass pass);

/// The same with the file's suppression comments already read (find_suppressions on each
/// script, in order), for scripts whose tokens were released since.
std::vector<Diagnostic> finalize_findings(std::span<const ParsedFile* const> scripts,
                                          std::vector<Suppression> suppressions, std::vector<Diagnostic> findings,
                                          const RuleSet& rules, Pass pass);

}  // namespace miglint
