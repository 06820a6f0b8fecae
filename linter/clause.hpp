#pragma once

#include <optional>
#include <vector>

#include "linter/parse.hpp"

// libpg_query gives start locations only; these helpers use the statement's tokens to find
// where a clause ends, so diagnostics underline the whole clause and nothing more.
namespace miglint {

/// The clause that starts at `begin`: up to the next `,` or unmatched `)` at the same
/// parenthesis depth, or the end of the statement.
TextRange clause_at(const Statement& stmt, uint32_t begin);

/// The clause starting at a node `location`; the whole statement when the location is -1.
TextRange clause_at_location(const Statement& stmt, int32_t location);

/// For `ALTER TABLE name cmd, cmd, ...`: the range of each command, in order. Empty when the
/// tokens cannot be matched to the commands.
std::vector<TextRange> alter_table_command_ranges(const Statement& stmt, const PgQuery__AlterTableStmt& alter);

/// The first token of kind `kind` in the statement, if any.
const Token* find_token(const Statement& stmt, PgQuery__Token kind);

}  // namespace miglint
