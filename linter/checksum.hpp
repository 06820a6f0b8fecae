#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "linter/parse.hpp"

namespace miglint {

/// Each statement of a parse, printed back by PostgreSQL's deparser: comments, whitespace,
/// keyword case and redundant parentheses are gone, so two scripts that mean the same thing give
/// the same list.
std::vector<std::string> canonical_statements(const ParsedFile& parsed, std::string_view text);

/// SHA-256 of the canonical statements: equal for scripts that differ only in formatting.
std::string semantic_hash(const std::vector<std::string>& canonical);

}  // namespace miglint
