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
void report_everything(const LintResult& result);

/// Splits fuzz input into files: chunks separated by a line `=====`, each a path line then its
/// text. Paths are kept relative (no `..`, no leading `/`), so they stay inside a listing.
std::vector<std::pair<std::string, std::string>> split_files(const uint8_t* data, size_t size);

}  // namespace miglint::fuzz
