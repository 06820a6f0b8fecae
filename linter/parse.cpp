#include "linter/parse.hpp"

#include <algorithm>
#include <optional>

#include "linter/bulk_insert.hpp"
#include "linter/plpgsql.hpp"

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
struct SplitGuard {
  PgQuerySplitResult result;
  ~SplitGuard() { pg_query_free_split_result(result); }
};

// Sections this big are first split into statements by the scanner, so that literal-rows INSERTs
// (data loads, seed files) skip the parser; the rest is parsed in chunks of about this size.
// Smaller sections are parsed whole, in one call.
constexpr uint32_t kLargeSection = 1U << 20;
struct ScanTreeDeleter {
  void operator()(PgQuery__ScanResult* tree) const { pg_query__scan_result__free_unpacked(tree, nullptr); }
};

bool is_comment(PgQuery__Token kind) {
  return kind == PG_QUERY__TOKEN__SQL_COMMENT || kind == PG_QUERY__TOKEN__C_COMMENT;
}

// Scans `section` of `text`, appending tokens and comments with absolute offsets.
bool scan_into(std::string_view text, TextRange section, std::vector<Token>& tokens, std::vector<Token>& comments) {
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
  tokens.reserve(tokens.size() + tree->n_tokens);
  for (size_t i = 0; i < tree->n_tokens; ++i) {
    const PgQuery__ScanToken* t = tree->tokens[i];
    Token token{{section.begin + static_cast<uint32_t>(t->start), section.begin + static_cast<uint32_t>(t->end)},
                t->token, t->keyword_kind == PG_QUERY__KEYWORD_KIND__RESERVED_KEYWORD};
    (is_comment(t->token) ? comments : tokens).push_back(token);
  }
  return true;
}

// The tokens of `tokens` that start inside `region`.
std::span<const Token> tokens_in(const std::vector<Token>& tokens, TextRange region) {
  const auto first = std::lower_bound(tokens.begin(), tokens.end(), region.begin,
                                      [](const Token& t, uint32_t offset) { return t.range.begin < offset; });
  const auto last = std::lower_bound(first, tokens.end(), region.end,
                                     [](const Token& t, uint32_t offset) { return t.range.begin < offset; });
  if (first == last) return {};
  return {&*first, static_cast<size_t>(last - first)};
}

// Where the PL/pgSQL body of a DO statement lies in the file, when it is there verbatim.
std::optional<TextRange> do_body(std::string_view text, const PgQuery__Node& node, uint32_t base) {
  if (node.node_case != PG_QUERY__NODE__NODE_DO_STMT) return std::nullopt;
  const PgQuery__DefElem* body = nullptr;
  for (size_t i = 0; i < node.do_stmt->n_args; ++i) {
    const PgQuery__Node* arg = node.do_stmt->args[i];
    if (arg->node_case != PG_QUERY__NODE__NODE_DEF_ELEM || arg->def_elem->arg == nullptr ||
        arg->def_elem->arg->node_case != PG_QUERY__NODE__NODE_STRING) {
      continue;
    }
    const std::string_view name = arg->def_elem->defname;
    const std::string_view value = arg->def_elem->arg->string->sval;
    if (name == "language" && value != "plpgsql") return std::nullopt;
    if (name == "as") body = arg->def_elem;
  }
  if (body == nullptr || body->location < 0) return std::nullopt;
  return verbatim_string_body(text, base + static_cast<uint32_t>(body->location), body->arg->string->sval);
}

SyntaxError make_error(std::string_view piece_text, uint32_t piece_begin, const PgQueryError& error) {
  const uint32_t offset = error.cursorpos > 0 ? char_position_to_offset(piece_text, error.cursorpos) : 0;
  return {piece_begin + offset, error.message != nullptr ? error.message : "syntax error"};
}

}  // namespace

const PgQuery__ParseResult* ParsedFile::unpack(const PgQueryProtobuf& packed) {
  ProtobufCAllocator allocator{
      .alloc = [](void* arena, size_t size) { return static_cast<Arena*>(arena)->allocate(size); },
      .free = [](void* /*arena*/, void* /*pointer*/) {},  // freed with the whole arena
      .allocator_data = arena_.get(),
  };
  return pg_query__parse_result__unpack(&allocator, packed.len, reinterpret_cast<const uint8_t*>(packed.data));
}

void ParsedFile::release_syntax() {
  for (std::vector<Statement>* list : {&statements_, &linted_}) {
    for (Statement& stmt : *list) {
      stmt.node = nullptr;
      stmt.tokens = {};
    }
  }
  for (RejectedStatement& rejected : rejected_) rejected.tokens = {};
  // (Assigning `{}` would keep the capacity.)
  std::vector<Token>().swap(tokens_);
  std::vector<std::vector<Token>>().swap(embedded_tokens_);
  std::vector<PendingStatement>().swap(pending_);
  bulk_heads_.clear();
  arena_->clear();
}

ParsedFile ParsedFile::parse(std::string_view text, TextRange section) {
  section.end = std::min<uint32_t>(section.end, static_cast<uint32_t>(text.size()));
  section.begin = std::min(section.begin, section.end);
  if (section.end - section.begin >= kLargeSection) {
    ParsedFile large;
    if (large.parse_large(text, section)) {
      large.expand_do_blocks(text);
      large.finish_statements();
      return large;
    }
  }
  ParsedFile parsed;
  parsed.scanned_ = parsed.scan(text, section);
  parsed.parse_section(text, section);
  if (!parsed.scanned_) {
    // A lexical error stops the scanner for the whole section; the statements in front of it
    // still need their tokens.
    for (const PendingStatement& pending : parsed.pending_) {
      parsed.scan(text, pending.region);
    }
  }
  parsed.expand_do_blocks(text);
  parsed.finish_statements();
  return parsed;
}

ParsedFile ParsedFile::parse(std::string_view text, TextRange section, std::span<const uint32_t> breaks) {
  section.end = std::min<uint32_t>(section.end, static_cast<uint32_t>(text.size()));
  section.begin = std::min(section.begin, section.end);
  std::vector<TextRange> pieces;
  uint32_t begin = section.begin;
  for (const uint32_t at : breaks) {
    if (at <= begin || at >= section.end) continue;
    pieces.push_back({begin, at});
    begin = at;
  }
  if (pieces.empty()) return parse(text, section);
  pieces.push_back({begin, section.end});
  ParsedFile parsed;
  parsed.scanned_ = parsed.scan(text, section);
  for (const TextRange piece : pieces) parsed.parse_section(text, piece);
  if (!parsed.scanned_) {
    // As in parse(): the statements in front of a lexical error still need their tokens.
    for (const PendingStatement& pending : parsed.pending_) parsed.scan(text, pending.region);
  }
  parsed.expand_do_blocks(text);
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
  const PgQuery__ParseResult* tree = unpack(guard.result.parse_tree);
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
  return true;
}

void ParsedFile::parse_section(std::string_view text, TextRange section) {
  const size_t errors_before = errors_.size();
  if (parse_piece(text, section)) {
    return;
  }
  const SyntaxError first_error = errors_.back();
  errors_.resize(errors_before);
  rejected_pieces_.pop_back();  // the whole section was rejected: its pieces decide
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
  const size_t errors_before = errors_.size();
  if (scanned_) {
    const auto first = std::lower_bound(tokens_.begin(), tokens_.end(), section.begin,
                                        [](const Token& t, uint32_t at) { return t.range.begin < at; });
    const auto last = std::lower_bound(first, tokens_.end(), section.end,
                                       [](const Token& t, uint32_t at) { return t.range.begin < at; });
    for (const TextRange piece : split_statements({first, last}, section, true)) {
      parse_piece(text, piece);
    }
    if (errors_.size() == errors_before) {
      errors_.push_back(first_error);  // keep PostgreSQL's own verdict if the split disagrees
    }
    return;
  }
  // A lexical error (an unterminated string or dollar quote) stops the scanner and swallows the
  // rest of the input. Report it, then lint the complete statements in front of it.
  errors_.push_back(first_error);
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

// A large section: split by the scanner, literal-rows INSERTs taken from their head alone, the
// rest parsed in chunks. Returns false, to have the section parsed whole, when the scanner
// cannot split it or a chunk does not parse on its own (a syntax error, or a split inside a
// BEGIN ATOMIC body or a rule's action list, where a `;` does not end the statement).
bool ParsedFile::parse_large(std::string_view text, TextRange section) {
  const std::string section_text(text.substr(section.begin, section.end - section.begin));
  const SplitGuard split{pg_query_split_with_scanner(section_text.c_str())};
  if (split.result.error != nullptr) return false;
  scanned_ = true;
  uint32_t chunk_begin = section.begin;  // where the text not parsed yet starts
  for (int i = 0; i < split.result.n_stmts; ++i) {
    const uint32_t begin = section.begin + static_cast<uint32_t>(split.result.stmts[i]->stmt_location);
    const uint32_t end = begin + static_cast<uint32_t>(split.result.stmts[i]->stmt_len);
    if (end >= section.end || text[end] != ';') continue;  // the unterminated last statement goes with the rest
    const std::string_view statement = text.substr(begin, end - begin);
    const std::optional<BulkInsert> bulk = bulk_insert(statement);
    const BulkHead* head = bulk ? &bulk_head(statement.substr(bulk->begin, bulk->head_end - bulk->begin)) : nullptr;
    if (head == nullptr || head->node == nullptr) {
      if (end + 1 - chunk_begin >= kLargeSection) {
        if (!parse_chunk(text, {chunk_begin, end + 1})) return false;
        chunk_begin = end + 1;
      }
      continue;
    }
    if (chunk_begin < begin && !parse_chunk(text, {chunk_begin, begin})) return false;
    const uint32_t insert_at = begin + bulk->begin;
    for (Token token : head->tokens) {
      token.range = {token.range.begin + insert_at, token.range.end + insert_at};
      tokens_.push_back(token);
    }
    tokens_.push_back({{end, end + 1}, PG_QUERY__TOKEN__ASCII_59, false});
    pending_.push_back({head->node, {begin, end}, insert_at, -1, false, {begin + bulk->rows_begin, begin + bulk->rows_end}});
    chunk_begin = end + 1;
  }
  return chunk_begin >= section.end || parse_chunk(text, {chunk_begin, section.end});
}

bool ParsedFile::parse_chunk(std::string_view text, TextRange chunk) { return scan(text, chunk) && parse_piece(text, chunk); }

// Parses a literal-rows INSERT's head with one placeholder row, once per distinct head.
const ParsedFile::BulkHead& ParsedFile::bulk_head(std::string_view head) {
  if (const auto found = bulk_heads_.find(head); found != bulk_heads_.end()) return found->second;
  BulkHead& entry = bulk_heads_[std::string(head)];
  const std::string placeholder = std::string(head) + " (DEFAULT)";
  const ProtobufParseGuard guard{pg_query_parse_protobuf(placeholder.c_str())};
  if (guard.result.error != nullptr) return entry;
  const PgQuery__ParseResult* tree = unpack(guard.result.parse_tree);
  std::vector<Token> comments;
  if (!tree || tree->n_stmts != 1 || tree->stmts[0]->stmt == nullptr ||
      !scan_into(head, {0, static_cast<uint32_t>(head.size())}, entry.tokens, comments)) {
    entry.tokens.clear();
    return entry;
  }
  entry.node = tree->stmts[0]->stmt;
  return entry;
}

bool ParsedFile::scan(std::string_view text, TextRange section) { return scan_into(text, section, tokens_, comments_); }

// The SQL that DO blocks run is linted like top-level SQL: each statement of the body (and each
// constant string it EXECUTEs) follows its DO statement. Reads are left out (a SELECT ... INTO
// there fills a variable, not a table).
void ParsedFile::expand_do_blocks(std::string_view text) {
  std::vector<PendingStatement> top_level = std::move(pending_);
  pending_.clear();
  for (const PendingStatement& pending : top_level) {
    pending_.push_back(pending);
    const std::optional<TextRange> body = do_body(text, *pending.node, pending.base);
    if (!body) continue;
    const PlpgsqlSql sql = plpgsql_embedded_sql(text.substr(body->begin, body->end - body->begin));
    if (sql.statements.empty()) continue;
    // Comments come from the whole body (suppressions sit between its statements); tokens from
    // each statement, since an EXECUTEd string is one token of the body.
    std::vector<Token> body_tokens;
    scan_into(text, *body, body_tokens, comments_);
    for (const TextRange piece : sql.statements) {
      const TextRange absolute{body->begin + piece.begin, body->begin + piece.end};
      std::vector<Token> tokens;
      std::vector<Token> ignored_comments;
      scan_into(text, absolute, tokens, ignored_comments);
      embedded_tokens_.push_back(std::move(tokens));
      const bool dynamic_after = !sql.dynamic.empty() && sql.dynamic.back() > piece.begin;
      parse_embedded(text, absolute, static_cast<int>(embedded_tokens_.size() - 1), dynamic_after, !sql.straight_line);
    }
  }
  std::sort(comments_.begin(), comments_.end(), [](const Token& a, const Token& b) { return a.range.begin < b.range.begin; });
}

// Parses one statement of a DO body; one the SQL grammar rejects (PL/pgSQL variables where SQL
// wants a name) is left out quietly: PostgreSQL checks it only when the block runs.
void ParsedFile::parse_embedded(std::string_view text, TextRange piece, int embedded_tokens, bool followed_by_dynamic_sql,
                                bool conditional) {
  const std::string piece_text(text.substr(piece.begin, piece.end - piece.begin));
  ProtobufParseGuard guard{pg_query_parse_protobuf(piece_text.c_str())};
  if (guard.result.error != nullptr) return;
  const PgQuery__ParseResult* tree = unpack(guard.result.parse_tree);
  if (!tree) return;
  const auto piece_length = static_cast<uint32_t>(piece_text.size());
  for (size_t i = 0; i < tree->n_stmts; ++i) {
    const PgQuery__RawStmt* raw = tree->stmts[i];
    if (raw->stmt == nullptr || raw->stmt->node_case == PG_QUERY__NODE__NODE_SELECT_STMT) continue;
    const auto location = static_cast<uint32_t>(raw->stmt_location);
    const uint32_t length = raw->stmt_len > 0 ? static_cast<uint32_t>(raw->stmt_len) : piece_length - location;
    pending_.push_back({raw->stmt, {piece.begin + location, piece.begin + location + length}, piece.begin, embedded_tokens,
                        followed_by_dynamic_sql, {}, conditional});
  }
}

void ParsedFile::finish_statements() {
  statements_.reserve(pending_.size());
  for (const PendingStatement& pending : pending_) {
    const bool embedded = pending.embedded_tokens >= 0;
    const std::vector<Token>& tokens = embedded ? embedded_tokens_[static_cast<size_t>(pending.embedded_tokens)] : tokens_;
    Statement stmt{pending.node, pending.region, pending.region, pending.base, tokens_in(tokens, pending.region), embedded};
    stmt.followed_by_dynamic_sql = pending.followed_by_dynamic_sql;
    stmt.conditional = pending.conditional;
    stmt.literal_rows = pending.literal_rows;
    if (!stmt.tokens.empty()) {
      stmt.range = {stmt.tokens.front().range.begin, std::max(stmt.tokens.back().range.end, stmt.literal_rows.end)};
    }
    if (!embedded) statements_.push_back(stmt);
    linted_.push_back(stmt);
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
