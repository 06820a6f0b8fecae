#include "linter/clause.hpp"

#include <algorithm>

namespace miglint {

namespace {

std::span<const Token>::iterator token_at_or_after(const Statement& stmt, uint32_t offset) {
  return std::lower_bound(stmt.tokens.begin(), stmt.tokens.end(), offset,
                          [](const Token& t, uint32_t at) { return t.range.end <= at; });
}

}  // namespace

TextRange clause_at(const Statement& stmt, uint32_t begin) {
  auto it = token_at_or_after(stmt, begin);
  if (it == stmt.tokens.end()) {
    return {begin, std::max(begin, stmt.range.end)};
  }
  uint32_t end = it->range.end;
  int depth = 0;
  for (; it != stmt.tokens.end(); ++it) {
    if (it->kind == PG_QUERY__TOKEN__ASCII_40) {
      ++depth;
    } else if (it->kind == PG_QUERY__TOKEN__ASCII_41) {
      if (--depth < 0) {
        break;
      }
    } else if (it->kind == PG_QUERY__TOKEN__ASCII_44 && depth == 0) {
      break;
    }
    end = it->range.end;
  }
  return {begin, end};
}

TextRange clause_at_location(const Statement& stmt, int32_t location) {
  if (location < 0) {
    return stmt.range;
  }
  return clause_at(stmt, stmt.offset_of(location));
}

std::vector<TextRange> alter_table_command_ranges(const Statement& stmt, const PgQuery__AlterTableStmt& alter) {
  if (alter.relation == nullptr || alter.relation->location < 0) {
    return {};
  }
  // Skip the relation name: identifiers, keywords used as names, and dots.
  auto it = token_at_or_after(stmt, stmt.offset_of(alter.relation->location));
  bool expect_name = true;
  while (it != stmt.tokens.end()) {
    if (it->kind == PG_QUERY__TOKEN__ASCII_46) {
      expect_name = true;
    } else if (expect_name) {
      expect_name = false;
    } else {
      break;
    }
    ++it;
  }
  std::vector<TextRange> ranges;
  while (it != stmt.tokens.end() && ranges.size() < alter.n_cmds) {
    const TextRange range = clause_at(stmt, it->range.begin);
    ranges.push_back(range);
    it = token_at_or_after(stmt, range.end);
    if (it != stmt.tokens.end() && it->kind == PG_QUERY__TOKEN__ASCII_44) {
      ++it;
    }
  }
  if (ranges.size() != alter.n_cmds) {
    return {};
  }
  return ranges;
}

const Token* find_token(const Statement& stmt, PgQuery__Token kind) {
  const auto it = std::find_if(stmt.tokens.begin(), stmt.tokens.end(), [kind](const Token& t) { return t.kind == kind; });
  return it == stmt.tokens.end() ? nullptr : &*it;
}

}  // namespace miglint
