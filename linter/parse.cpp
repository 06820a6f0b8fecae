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
  parsed.scanned_ = parsed.scan(text, section);
  parsed.parse_section(text, section);
  if (!parsed.scanned_) {
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
    rejected_pieces_.push_back(piece);
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
  rejected_pieces_.clear();  // the whole section was rejected: the pieces decide
  parse_piecewise(text, section, first_error);
}

// Splits tokens into statements at top-level semicolons, the way PostgreSQL's own scanner-based
// splitting should (libpg_query's pg_query_split_with_scanner drops some broken statements).
// Semicolons inside parentheses (CREATE RULE ... (a; b)) and inside BEGIN ATOMIC ... END bodies
// do not end a statement. The last piece, without a semicolon, is returned only when
// `keep_unterminated` is set.
static std::vector<TextRange> split_statements(std::span<const Token> tokens, TextRange section, bool keep_unterminated) {
  std::vector<TextRange> pieces;
  uint32_t piece_begin = section.begin;
  int parens = 0;
  int atomic_depth = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const PgQuery__Token kind = tokens[i].kind;
    if (kind == PG_QUERY__TOKEN__ASCII_40) {
      ++parens;
    } else if (kind == PG_QUERY__TOKEN__ASCII_41) {
      parens = std::max(0, parens - 1);
    } else if (kind == PG_QUERY__TOKEN__BEGIN_P && i + 1 < tokens.size() && tokens[i + 1].kind == PG_QUERY__TOKEN__ATOMIC) {
      ++atomic_depth;
    } else if (kind == PG_QUERY__TOKEN__CASE && atomic_depth > 0) {
      ++atomic_depth;  // CASE ... END inside an atomic body closes with the same END
    } else if (kind == PG_QUERY__TOKEN__END_P && atomic_depth > 0) {
      --atomic_depth;
    } else if (kind == PG_QUERY__TOKEN__ASCII_59 && parens == 0 && atomic_depth == 0) {
      pieces.push_back({piece_begin, tokens[i].range.begin});
      piece_begin = tokens[i].range.end;
    }
  }
  if (keep_unterminated && piece_begin < section.end) {
    pieces.push_back({piece_begin, section.end});
  }
  return pieces;
}

// The section as a whole does not parse. Split it into statements and parse each on its own, so
// one bad statement does not hide findings in the others.
void ParsedFile::parse_piecewise(std::string_view text, TextRange section, const SyntaxError& first_error) {
  if (scanned_) {
    const auto first = std::lower_bound(tokens_.begin(), tokens_.end(), section.begin,
                                        [](const Token& t, uint32_t at) { return t.range.begin < at; });
    const auto last = std::lower_bound(first, tokens_.end(), section.end,
                                       [](const Token& t, uint32_t at) { return t.range.begin < at; });
    for (const TextRange piece : split_statements({first, last}, section, true)) {
      parse_piece(text, piece);
    }
    if (errors_.empty()) {
      errors_.push_back(first_error);  // keep PostgreSQL's own verdict if the split disagrees
    }
    return;
  }
  // A lexical error (an unterminated string or dollar quote) stops the scanner and swallows the
  // rest of the input. Report it, then lint the complete statements in front of it.
  errors_.push_back(first_error);
  rejected_pieces_.clear();
  if (first_error.offset <= section.begin) {
    return;
  }
  const TextRange prefix{section.begin, first_error.offset};
  ParsedFile scratch;
  if (!scratch.scan(text, prefix)) {
    return;
  }
  for (const TextRange piece : split_statements(scratch.tokens_, prefix, false)) {
    parse_piece(text, piece);
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
                t->token, t->keyword_kind == PG_QUERY__KEYWORD_KIND__RESERVED_KEYWORD};
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
  for (const TextRange piece : rejected_pieces_) {
    const auto first = std::lower_bound(tokens_.begin(), tokens_.end(), piece.begin,
                                        [](const Token& t, uint32_t offset) { return t.range.begin < offset; });
    const auto last = std::lower_bound(first, tokens_.end(), piece.end,
                                       [](const Token& t, uint32_t offset) { return t.range.begin < offset; });
    if (first == last) continue;
    rejected_.push_back({{first->range.begin, std::prev(last)->range.end},
                         std::span<const Token>(&*first, static_cast<size_t>(last - first))});
  }
}

}  // namespace miglint
