#include "linter/suppression.hpp"

#include <algorithm>
#include <cctype>

namespace miglint {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

bool is_id_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '-' || c == '_';
}

// True when only spaces and tabs stand between the start of the line and `offset`.
bool starts_its_line(std::string_view text, uint32_t offset) {
  while (offset > 0) {
    const char c = text[offset - 1];
    if (c == '\n' || c == '\r') return true;
    if (c != ' ' && c != '\t') return false;
    --offset;
  }
  return true;
}

// True when the gap holds no blank line, so the comment sits directly above the statement.
bool no_blank_line_between(std::string_view gap) {
  int newlines = 0;
  for (const char c : gap) {
    if (c == '\n') {
      if (++newlines >= 2) return false;
    } else if (c != ' ' && c != '\t' && c != '\r') {
      newlines = 0;
    }
  }
  return true;
}

}  // namespace

bool Suppression::covers(const std::string& rule) {
  if (ids.empty()) {
    used = true;
    return true;
  }
  for (SuppressedId& id : ids) {
    if (id.id == rule) {
      id.used = true;
      return true;
    }
  }
  return false;
}

std::optional<Suppression> parse_suppression_comment(std::string_view text, uint32_t comment_begin) {
  size_t pos = 0;
  if (text.starts_with("--")) {
    pos = 2;
  } else if (text.starts_with("/*")) {
    pos = 2;
    if (text.ends_with("*/")) text.remove_suffix(2);
  } else {
    return std::nullopt;
  }
  while (pos < text.size() && is_space(text[pos])) ++pos;
  constexpr std::string_view kPrefix = "miglint-ignore";
  if (text.substr(pos, kPrefix.size()) != kPrefix) {
    return std::nullopt;
  }
  pos += kPrefix.size();
  Suppression suppression;
  suppression.comment = {comment_begin, comment_begin + static_cast<uint32_t>(text.size())};
  if (text.substr(pos, 5) == "-file") {
    suppression.scope = Suppression::Scope::file;
    pos += 5;
  }
  if (pos < text.size() && is_id_char(text[pos])) {
    return std::nullopt;  // e.g. miglint-ignored, not a directive
  }
  if (pos < text.size() && text[pos] == ':') ++pos;
  // Ids up to the end or up to a `--` that starts the reason.
  while (pos < text.size()) {
    while (pos < text.size() && (is_space(text[pos]) || text[pos] == ',')) ++pos;
    if (pos >= text.size() || text.substr(pos, 2) == "--") break;
    const size_t start = pos;
    while (pos < text.size() && !is_space(text[pos]) && text[pos] != ',') ++pos;
    suppression.ids.push_back({std::string(text.substr(start, pos - start)),
                               {comment_begin + static_cast<uint32_t>(start), comment_begin + static_cast<uint32_t>(pos)}});
  }
  return suppression;
}

std::vector<Suppression> find_suppressions(const SourceFile& file, const ParsedFile& parsed) {
  std::vector<Suppression> out;
  const std::vector<Statement>& statements = parsed.linted_statements();
  for (const Token& comment : parsed.comments()) {
    std::optional<Suppression> found = parse_suppression_comment(file.slice(comment.range), comment.range.begin);
    if (!found) {
      continue;
    }
    if (found->scope == Suppression::Scope::statement && starts_its_line(file.text(), comment.range.begin)) {
      // The first statement that starts after the comment.
      const auto next = std::lower_bound(statements.begin(), statements.end(), comment.range.end,
                                         [](const Statement& s, uint32_t at) { return s.range.begin < at; });
      // A statement in a DO body has no leading region of its own: the comment precedes its text.
      if (next != statements.end() && (next->region.begin <= comment.range.begin || next->embedded) &&
          no_blank_line_between(file.slice({comment.range.end, next->range.begin}))) {
        found->statement = next->range;
      } else if (next != statements.begin() && std::prev(next)->range.end > comment.range.end) {
        // Inside a statement: cover the line of the next token.
        const Statement& inside = *std::prev(next);
        const auto token = std::lower_bound(inside.tokens.begin(), inside.tokens.end(), comment.range.end,
                                            [](const Token& t, uint32_t at) { return t.range.begin < at; });
        if (token != inside.tokens.end() && no_blank_line_between(file.slice({comment.range.end, token->range.begin}))) {
          found->line_target = file.lines().line_range(file.position(token->range.begin).line);
        }
      }
    }
    out.push_back(std::move(*found));
  }
  return out;
}

}  // namespace miglint
