#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "linter/engine.hpp"
#include "linter/rule_set.hpp"

namespace miglint::fuzz {

/// Every rule, opt-in ones included: a fuzzer should reach all of them.
const RuleSet& all_rules();

/// Writes `result` with every reporter (to a discarding stream), as a run with each --format would.
/// SARIF, whose rule descriptors (every rule's documentation) do not depend on the input and take
/// three quarters of the time, is written only when `with_sarif` is set.
void report_everything(const LintResult& result, bool with_sarif = true);

/// True for about one input in 16, the same inputs every time: those that also go through the
/// reporters whose cost does not depend on the input.
bool sampled(const uint8_t* data, size_t size);

/// Splits fuzz input into files: chunks separated by a line `=====`, each a path line then its
/// text. Paths are kept relative (no `..`, no leading `/`), so they stay inside a listing.
std::vector<std::pair<std::string, std::string>> split_files(const uint8_t* data, size_t size);

}  // namespace miglint::fuzz
