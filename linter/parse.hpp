#pragma once

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "linter/arena.hpp"
#include "linter/source_file.hpp"

namespace miglint {

/// One lexical token from libpg_query's scanner, with absolute byte offsets.
struct Token {
  /// Where the token is in the file.
  TextRange range;
  /// The scanner's token kind (a `PgQuery__Token` value, e.g. PG_QUERY__TOKEN__INDEX).
  PgQuery__Token kind = PG_QUERY__TOKEN__NUL;
  /// A reserved keyword (`TABLE`, `WITH`, ...): never a name.
  bool reserved = false;
};

/// One parsed SQL statement.
struct Statement {
  /// The statement node (null only after ParsedFile::release_syntax); owned by the ParsedFile. For
  /// an INSERT whose literal rows were not parsed (see `literal_rows`), the statement with one
  /// `(DEFAULT)` row in their place.
  const PgQuery__Node* node = nullptr;
  /// From the first token to the end of the last one: no leading comments, no `;`.
  TextRange range;
  /// The statement as libpg_query split it, leading comments and whitespace included.
  TextRange region;
  /// Node `location` fields are relative to this offset.
  uint32_t base = 0;
  /// The statement's tokens, comments excluded.
  std::span<const Token> tokens;
  /// A statement inside a DO block's body: it runs in the DO's own transaction, and its text is
  /// not a top-level statement that can be edited or moved on its own.
  bool embedded = false;
  /// In a DO body: a later EXECUTE of SQL built at run time may undo or redo what this does.
  bool followed_by_dynamic_sql = false;
  /// In a DO body that may run only some of its statements (see PlpgsqlSql::straight_line):
  /// whether this one runs depends on the data.
  bool conditional = false;
  /// The VALUES rows of an INSERT in a large file, when they hold only literals (see
  /// bulk_insert.hpp): left unparsed and without tokens. Empty for every other statement.
  TextRange literal_rows;

  /// Absolute offset of a node `location` (which must be >= 0).
  uint32_t offset_of(int32_t location) const { return base + static_cast<uint32_t>(location); }
};

/// A syntax error as PostgreSQL's parser reports it.
struct SyntaxError {
  /// Byte offset of the error position.
  uint32_t offset = 0;
  /// PostgreSQL's message, e.g. `syntax error at or near "TABLE"`.
  std::string message;
};

/// A statement the grammar rejected, with its tokens: enough to recover what it creates, drops
/// or renames (see recovery.hpp).
struct RejectedStatement {
  /// From its first token to its last.
  TextRange range;
  /// Its tokens, comments excluded.
  std::span<const Token> tokens;
};

/// The parse of one section of a file: statements, comments and syntax errors. Statements
/// that parse are kept even when others in the file do not.
class ParsedFile {
 public:
  /// Parses `section` of `text` (which must stay alive as long as this object).
  static ParsedFile parse(std::string_view text, TextRange section);
  /// Parses `section` as separate pieces cut at `breaks` (offsets in `text`, ascending), as a
  /// runner that sends each piece as its own query does: a statement ends at a break.
  static ParsedFile parse(std::string_view text, TextRange section, std::span<const uint32_t> breaks);

  /// Top-level statements in file order: what a runner sends to the server.
  const std::vector<Statement>& statements() const { return statements_; }
  /// The top-level statements with, after each DO, the statements its body runs: what the
  /// linter checks.
  const std::vector<Statement>& linted_statements() const { return linted_; }
  /// All `--` and `/* */` comments in the section, in file order.
  const std::vector<Token>& comments() const { return comments_; }
  /// Syntax errors, in file order.
  const std::vector<SyntaxError>& errors() const { return errors_; }
  /// Statements the grammar rejected, in file order (only when the scanner could split the
  /// section into statements).
  const std::vector<RejectedStatement>& rejected() const { return rejected_; }
  /// Frees the parse trees and tokens, most of this object's memory, once no rule reads them
  /// again: every Statement::node becomes null and every token span empty; what findings are
  /// matched against (statement ranges, comments, errors) stays.
  void release_syntax();

 private:
  struct PendingStatement {
    const PgQuery__Node* node;
    TextRange region;
    uint32_t base;
    /// For a statement inside a DO body: its index in embedded_tokens_ (-1 for top level).
    int embedded_tokens = -1;
    bool followed_by_dynamic_sql = false;
    TextRange literal_rows{};
    bool conditional = false;
  };
  // What a literal-rows INSERT's head (`INSERT INTO t (a, b) VALUES`) parses and scans to, with
  // offsets relative to its `INSERT`: the same head is parsed once per file.
  struct BulkHead {
    const PgQuery__Node* node = nullptr;  // null when the head does not parse
    std::vector<Token> tokens;
  };

  void parse_section(std::string_view text, TextRange section);
  bool parse_large(std::string_view text, TextRange section);
  bool parse_chunk(std::string_view text, TextRange chunk);
  const BulkHead& bulk_head(std::string_view head);
  void parse_piecewise(std::string_view text, TextRange section, const SyntaxError& first_error);
  bool parse_piece(std::string_view text, TextRange piece);
  void parse_embedded(std::string_view text, TextRange piece, int embedded_tokens, bool followed_by_dynamic_sql,
                      bool conditional);
  void expand_do_blocks(std::string_view text);
  bool scan(std::string_view text, TextRange section);
  void finish_statements();
  // Decodes libpg_query's serialized tree into arena_ (null when it does not decode).
  const PgQuery__ParseResult* unpack(const PgQueryProtobuf& packed);

  bool scanned_ = false;
  // Every decoded parse tree: one allocation is a pointer bump, and freeing them is one call
  // (a heap allocation so that the address protobuf-c keeps survives moves of this object).
  std::unique_ptr<Arena> arena_ = std::make_unique<Arena>();
  std::vector<PendingStatement> pending_;
  std::vector<TextRange> rejected_pieces_;
  std::vector<RejectedStatement> rejected_;
  std::vector<Statement> statements_;
  std::vector<Statement> linted_;
  std::vector<Token> tokens_;
  // The tokens of each DO body, scanned on their own (the file's scan sees one string).
  std::vector<std::vector<Token>> embedded_tokens_;
  std::vector<Token> comments_;
  std::vector<SyntaxError> errors_;
  std::map<std::string, BulkHead, std::less<>> bulk_heads_;
};

}  // namespace miglint
