#include "linter/parse.hpp"

#include <algorithm>
#include <optional>

namespace miglint {

namespace {

// Each libpg_query result type has its own free function; these guards make sure it is
// called exactly once on every path.
struct ProtobufParseGuard {
  PgQueryProtobufParseResult result;
  ~ProtobufParseGuard() { pg_query_free_protobuf_parse_result(result); }
};
struct SplitGuard {
  PgQuerySplitResult result;
  ~SplitGuard() { pg_query_free_split_result(result); }
};
struct ScanGuard {
  PgQueryScanResult result;
  ~ScanGuard() { pg_query_free_scan_result(result); }
};
struct ScanTreeDeleter {
  void operator()(PgQuery__ScanResult* tree) const { pg_query__scan_result__free_unpacked(tree, nullptr); }
};

bool is_comment(PgQuery__Token kind) {
  return kind == PG_QUERY__TOKEN__SQL_COMMENT || kind == PG_QUERY__TOKEN__C_COMMENT;
}

SyntaxError make_error(std::string_view piece_text, uint32_t piece_begin, const PgQueryError& error) {
  const uint32_t offset = error.cursorpos > 0 ? char_position_to_offset(piece_text, error.cursorpos) : 0;
  return {piece_begin + offset, error.message != nullptr ? error.message : "syntax error"};
}

}  // namespace

void ParsedFile::TreeDeleter::operator()(PgQuery__ParseResult* tree) const {
  pg_query__parse_result__free_unpacked(tree, nullptr);
}

ParsedFile ParsedFile::parse(std::string_view text, TextRange section) {
  ParsedFile parsed;
  section.end = std::min<uint32_t>(section.end, static_cast<uint32_t>(text.size()));
  section.begin = std::min(section.begin, section.end);
  const bool scanned = parsed.scan(text, section);
  parsed.parse_section(text, section);
  if (!scanned) {
    // A lexical error stops the scanner for the whole section; the statements in front of it
    // still need their tokens.
    for (const PendingStatement& pending : parsed.pending_) {
      parsed.scan(text, pending.region);
    }
  }
  parsed.finish_statements();
  return parsed;
}

// Parses one piece of text and queues its statements. Returns false (with the error
// recorded) when PostgreSQL's grammar rejects it.
bool ParsedFile::parse_piece(std::string_view text, TextRange piece) {
  const std::string piece_text(text.substr(piece.begin, piece.end - piece.begin));
  ProtobufParseGuard guard{pg_query_parse_protobuf(piece_text.c_str())};
  if (guard.result.error != nullptr) {
    errors_.push_back(make_error(piece_text, piece.begin, *guard.result.error));
    return false;
  }
  Tree tree(pg_query__parse_result__unpack(nullptr, guard.result.parse_tree.len,
                                           reinterpret_cast<const uint8_t*>(guard.result.parse_tree.data)));
  if (!tree) {
    errors_.push_back({piece.begin, "internal error: could not decode libpg_query's parse tree"});
    return false;
  }
  const auto piece_length = static_cast<uint32_t>(piece_text.size());
  for (size_t i = 0; i < tree->n_stmts; ++i) {
    const PgQuery__RawStmt* raw = tree->stmts[i];
    if (raw->stmt == nullptr) {
      continue;
    }
    const auto location = static_cast<uint32_t>(raw->stmt_location);
    // stmt_len == 0 means "up to the end of the input".
    const uint32_t length = raw->stmt_len > 0 ? static_cast<uint32_t>(raw->stmt_len) : piece_length - location;
    pending_.push_back({raw->stmt, {piece.begin + location, piece.begin + location + length}, piece.begin});
  }
  trees_.push_back(std::move(tree));
  return true;
}

void ParsedFile::parse_section(std::string_view text, TextRange section) {
  const size_t errors_before = errors_.size();
  if (parse_piece(text, section)) {
    return;
  }
  const SyntaxError first_error = errors_.back();
  errors_.resize(errors_before);
  parse_piecewise(text, section, first_error);
}

// The section as a whole does not parse. Split it with the scanner and parse each statement on
// its own, so one bad statement does not hide findings in the others.
void ParsedFile::parse_piecewise(std::string_view text, TextRange section, const SyntaxError& first_error) {
  const std::string section_text(text.substr(section.begin, section.end - section.begin));
  SplitGuard split{pg_query_split_with_scanner(section_text.c_str())};
  if (split.result.error != nullptr) {
    // A lexical error (an unterminated string or dollar quote) swallows the rest of the input.
    // Report it, then lint the complete statements in front of it.
    errors_.push_back(first_error);
    if (first_error.offset <= section.begin) {
      return;
    }
    const std::string prefix(text.substr(section.begin, first_error.offset - section.begin));
    SplitGuard prefix_split{pg_query_split_with_scanner(prefix.c_str())};
    if (prefix_split.result.error != nullptr || prefix_split.result.n_stmts < 2) {
      return;
    }
    const PgQuerySplitStmt* last = prefix_split.result.stmts[prefix_split.result.n_stmts - 1];
    const TextRange complete{section.begin, section.begin + static_cast<uint32_t>(last->stmt_location)};
    const size_t errors_before = errors_.size();
    if (!parse_piece(text, complete)) {
      errors_.resize(errors_before);  // statements before a lexical error may still be broken
    }
    return;
  }
  for (int i = 0; i < split.result.n_stmts; ++i) {
    const PgQuerySplitStmt* stmt = split.result.stmts[i];
    const uint32_t begin = section.begin + static_cast<uint32_t>(stmt->stmt_location);
    const uint32_t end = stmt->stmt_len > 0 ? begin + static_cast<uint32_t>(stmt->stmt_len) : section.end;
    parse_piece(text, {begin, end});
  }
  if (errors_.empty()) {
    // The scanner's split and the parser disagreed; keep PostgreSQL's own verdict.
    errors_.push_back(first_error);
  }
}

bool ParsedFile::scan(std::string_view text, TextRange section) {
  const std::string section_text(text.substr(section.begin, section.end - section.begin));
  ScanGuard guard{pg_query_scan(section_text.c_str())};
  if (guard.result.error != nullptr) {
    return false;  // the parser reports the same problem with PostgreSQL's message
  }
  std::unique_ptr<PgQuery__ScanResult, ScanTreeDeleter> tree(pg_query__scan_result__unpack(
      nullptr, guard.result.pbuf.len, reinterpret_cast<const uint8_t*>(guard.result.pbuf.data)));
  if (!tree) {
    return false;
  }
  tokens_.reserve(tree->n_tokens);
  for (size_t i = 0; i < tree->n_tokens; ++i) {
    const PgQuery__ScanToken* t = tree->tokens[i];
    Token token{{section.begin + static_cast<uint32_t>(t->start), section.begin + static_cast<uint32_t>(t->end)},
                t->token};
    (is_comment(t->token) ? comments_ : tokens_).push_back(token);
  }
  return true;
}

void ParsedFile::finish_statements() {
  statements_.reserve(pending_.size());
  for (const PendingStatement& pending : pending_) {
    const auto first = std::lower_bound(tokens_.begin(), tokens_.end(), pending.region.begin,
                                        [](const Token& t, uint32_t offset) { return t.range.begin < offset; });
    const auto last = std::lower_bound(first, tokens_.end(), pending.region.end,
                                       [](const Token& t, uint32_t offset) { return t.range.begin < offset; });
    Statement stmt{pending.node, pending.region, pending.region, pending.base, {}};
    if (first != last) {
      stmt.tokens = std::span<const Token>(&*first, static_cast<size_t>(last - first));
      stmt.range = {first->range.begin, std::prev(last)->range.end};
    }
    statements_.push_back(stmt);
  }
  std::sort(errors_.begin(), errors_.end(),
            [](const SyntaxError& a, const SyntaxError& b) { return a.offset < b.offset; });
}

}  // namespace miglint
