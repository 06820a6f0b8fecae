#include "linter/bulk_insert.hpp"

#include <cctype>

namespace miglint {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool starts_identifier(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || (c & 0x80) != 0; }
bool continues_identifier(char c) { return starts_identifier(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '$'; }
bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// A cursor over the statement that accepts only the narrow grammar of literal-rows INSERTs. Each
// method consumes what it recognises and returns false, leaving the position unspecified, when
// the text is anything else: the caller then gives up on the fast path.
class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  uint32_t at() const { return static_cast<uint32_t>(pos_); }
  bool done() const { return pos_ >= text_.size(); }
  void skip_space() {
    while (!done() && is_space(text_[pos_])) ++pos_;
  }
  bool peek(char c) const { return !done() && text_[pos_] == c; }
  bool take(char c) {
    if (!peek(c)) return false;
    ++pos_;
    return true;
  }
  // A bare word, case-insensitively, not followed by more identifier characters.
  bool take_word(std::string_view word) {
    if (text_.size() - pos_ < word.size()) return false;
    for (size_t i = 0; i < word.size(); ++i) {
      if (std::toupper(static_cast<unsigned char>(text_[pos_ + i])) != word[i]) return false;
    }
    if (pos_ + word.size() < text_.size() && continues_identifier(text_[pos_ + word.size()])) return false;
    pos_ += word.size();
    return true;
  }
  // A plain or "quoted" identifier.
  bool take_identifier() {
    if (peek('"')) return take_quoted('"');
    if (done() || !starts_identifier(text_[pos_])) return false;
    while (!done() && continues_identifier(text_[pos_])) ++pos_;
    return true;
  }
  // name, schema.name or catalog.schema.name.
  bool take_qualified_name() {
    if (!take_identifier()) return false;
    while (take('.')) {
      if (!take_identifier()) return false;
    }
    return true;
  }
  // One literal of a row.
  bool take_value() {
    if (peek('\'')) return take_quoted('\'') && take_cast();
    if (take_word("NULL") || take_word("TRUE") || take_word("FALSE") || take_word("DEFAULT")) return take_cast();
    return take_number() && take_cast();
  }
  // ( value, value, ... )
  bool take_row() {
    if (!take('(')) return false;
    do {
      skip_space();
      if (!take_value()) return false;
      skip_space();
    } while (take(','));
    return take(')');
  }

 private:
  // A string or quoted identifier; a doubled quote is one character of it. Backslashes are plain
  // characters, as with standard_conforming_strings (the scanner libpg_query uses assumes it).
  bool take_quoted(char quote) {
    ++pos_;
    while (!done()) {
      if (text_[pos_++] != quote) continue;
      if (!take(quote)) return true;
    }
    return false;
  }
  // An optional `::type` after a literal: one word, optionally an array.
  bool take_cast() {
    const size_t before = pos_;
    skip_space();
    if (!(take(':') && take(':'))) {
      pos_ = before;
      return true;
    }
    skip_space();
    if (!take_identifier()) return false;
    return !take('[') || take(']');
  }
  // 12, -3, +4.5, .5, 1e10, 2.5E-3.
  bool take_number() {
    if (!take('-')) take('+');
    const size_t digits_start = pos_;
    while (!done() && is_digit(text_[pos_])) ++pos_;
    if (take('.')) {
      while (!done() && is_digit(text_[pos_])) ++pos_;
    }
    if (pos_ == digits_start || (pos_ == digits_start + 1 && text_[digits_start] == '.')) return false;
    if (peek('e') || peek('E')) {
      ++pos_;
      if (!take('-')) take('+');
      if (done() || !is_digit(text_[pos_])) return false;
      while (!done() && is_digit(text_[pos_])) ++pos_;
    }
    return done() || !continues_identifier(text_[pos_]);
  }

  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

std::string canonical_rows(std::string_view rows) {
  std::string out;
  out.reserve(rows.size());
  char quote = 0;  // the quote we are inside, if any; a doubled quote closes and reopens it
  for (const char c : rows) {
    if (quote != 0) {
      out += c;
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      out += c;
      quote = c;
    } else if (!is_space(c)) {
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

std::optional<BulkInsert> bulk_insert(std::string_view statement) {
  Reader reader(statement);
  BulkInsert found;
  reader.skip_space();
  found.begin = reader.at();
  if (!reader.take_word("INSERT")) return std::nullopt;
  reader.skip_space();
  if (!reader.take_word("INTO")) return std::nullopt;
  reader.skip_space();
  if (!reader.take_qualified_name()) return std::nullopt;
  reader.skip_space();
  if (reader.take('(')) {
    do {
      reader.skip_space();
      if (!reader.take_identifier()) return std::nullopt;
      reader.skip_space();
    } while (reader.take(','));
    if (!reader.take(')')) return std::nullopt;
    reader.skip_space();
  }
  if (!reader.take_word("VALUES")) return std::nullopt;
  found.head_end = reader.at();
  reader.skip_space();
  found.rows_begin = reader.at();
  do {
    reader.skip_space();
    if (!reader.take_row()) return std::nullopt;
    found.rows_end = reader.at();
    reader.skip_space();
  } while (reader.take(','));
  if (!reader.done()) return std::nullopt;
  return found;
}

}  // namespace miglint
