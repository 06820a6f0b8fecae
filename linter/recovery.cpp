#include "linter/recovery.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

namespace miglint {

namespace {

// A cursor over a statement's tokens, reading words (keywords and identifiers) by their text.
class TokenCursor {
 public:
  TokenCursor(std::string_view text, std::span<const Token> tokens) : text_(text), tokens_(tokens) {}

  bool done() const { return at_ >= tokens_.size(); }

  // The current token's text in lower case (quoted identifiers keep their quotes).
  std::string word() const {
    if (done()) return {};
    std::string out(raw());
    if (!out.starts_with('"')) {
      std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    }
    return out;
  }

  // Consumes the current token when it is `keyword`.
  bool accept(std::string_view keyword) {
    if (word() != keyword) return false;
    ++at_;
    return true;
  }

  // Consumes a sequence of keywords when all are there.
  bool accept_all(std::initializer_list<std::string_view> keywords) {
    const size_t start = at_;
    for (const std::string_view keyword : keywords) {
      if (!accept(keyword)) {
        at_ = start;
        return false;
      }
    }
    return true;
  }

  // An identifier as PostgreSQL stores it: unquoted ones folded to lower case, quotes removed.
  std::optional<std::string> identifier() {
    if (done()) return std::nullopt;
    const std::string_view token = raw();
    const bool quoted = token.size() >= 2 && token.front() == '"' && token.back() == '"';
    if (!quoted &&
        (token.empty() || tokens_[at_].reserved || !(std::isalpha(static_cast<unsigned char>(token[0])) || token[0] == '_'))) {
      return std::nullopt;
    }
    ++at_;
    return identifier_name(token);
  }

  // `name` or `schema.name`.
  std::optional<QualifiedName> qualified_name() {
    std::optional<std::string> first = identifier();
    if (!first) return std::nullopt;
    if (raw() == ".") {
      ++at_;
      if (std::optional<std::string> second = identifier()) return QualifiedName{*first, *second};
      return std::nullopt;
    }
    return QualifiedName{"public", *first};
  }

  bool accept_punctuation(std::string_view symbol) {
    if (done() || raw() != symbol) return false;
    ++at_;
    return true;
  }

 private:
  std::string_view raw() const {
    return done() ? std::string_view() : text_.substr(tokens_[at_].range.begin, tokens_[at_].range.end - tokens_[at_].range.begin);
  }

  std::string_view text_;
  std::span<const Token> tokens_;
  size_t at_ = 0;
};

// `TABLE`, `INDEX`, `TYPE`, `VIEW`, `MATERIALIZED VIEW`, `SEQUENCE`, as the object kind.
std::optional<std::string> object_kind(TokenCursor& cursor) {
  if (cursor.accept_all({"materialized", "view"})) return "materialized view";
  for (const char* kind : {"table", "index", "type", "view", "sequence"}) {
    if (cursor.accept(kind)) return std::string(kind);
  }
  return std::nullopt;
}

RecoveredEffect create(TokenCursor& cursor) {
  RecoveredEffect effect;
  cursor.accept_all({"or", "replace"});
  for (const char* modifier : {"global", "local", "temporary", "temp", "unlogged", "recursive"}) cursor.accept(modifier);
  if (cursor.accept("unique") || cursor.word() == "index") {
    if (!cursor.accept("index")) return effect;
    cursor.accept("concurrently");
    cursor.accept_all({"if", "not", "exists"});
    if (cursor.word() != "on") {
      std::optional<QualifiedName> name = cursor.qualified_name();
      if (!name) return effect;
      effect.name = *name;
    }
    if (!cursor.accept("on")) return effect;
    cursor.accept("only");
    std::optional<QualifiedName> table = cursor.qualified_name();
    if (!table) return effect;
    effect.name.schema = table->schema;  // an index lives in its table's schema
    effect.table = *table;
    effect.kind = RecoveredEffect::Kind::create_index;
    effect.object = "index";
    return effect;
  }
  const std::optional<std::string> kind = object_kind(cursor);
  if (!kind || *kind == "index") return effect;
  cursor.accept_all({"if", "not", "exists"});
  std::optional<QualifiedName> name = cursor.qualified_name();
  if (!name) return effect;
  effect.kind = *kind == "table" ? RecoveredEffect::Kind::create_table : RecoveredEffect::Kind::create_other;
  effect.object = *kind;
  effect.name = *name;
  return effect;
}

RecoveredEffect drop(TokenCursor& cursor) {
  RecoveredEffect effect;
  const std::optional<std::string> kind = object_kind(cursor);
  if (!kind) return effect;
  cursor.accept("concurrently");
  cursor.accept_all({"if", "exists"});
  do {
    std::optional<QualifiedName> name = cursor.qualified_name();
    if (!name) break;
    effect.dropped.push_back(*name);
  } while (cursor.accept_punctuation(","));
  if (effect.dropped.empty()) return effect;
  effect.kind = RecoveredEffect::Kind::drop;
  effect.object = *kind;
  return effect;
}

RecoveredEffect alter(TokenCursor& cursor) {
  RecoveredEffect effect;
  const std::optional<std::string> kind = object_kind(cursor);
  if (!kind) return effect;
  cursor.accept_all({"if", "exists"});
  cursor.accept("only");
  std::optional<QualifiedName> name = cursor.qualified_name();
  if (!name) return effect;
  effect.object = *kind;
  effect.name = *name;
  if (cursor.accept("rename")) {
    if (cursor.accept("to")) {
      if (std::optional<std::string> to = cursor.identifier()) {
        effect.kind = RecoveredEffect::Kind::rename;
        effect.to = *to;
      }
      return effect;
    }
    if (*kind != "table") return effect;
    cursor.accept("column");
    std::optional<std::string> from = cursor.identifier();
    if (!from || !cursor.accept("to")) return effect;
    if (std::optional<std::string> to = cursor.identifier()) {
      effect.kind = RecoveredEffect::Kind::rename_column;
      effect.from = *from;
      effect.to = *to;
    }
    return effect;
  }
  if (*kind != "table") return effect;
  // One ADD or DROP COLUMN is recovered; a list of commands stays unknown.
  if (cursor.accept("add")) {
    cursor.accept("column");
    cursor.accept_all({"if", "not", "exists"});
    for (const char* constraint : {"constraint", "primary", "unique", "check", "foreign", "exclude"}) {
      if (cursor.word() == constraint) return effect;
    }
    if (std::optional<std::string> column = cursor.identifier()) {
      effect.kind = RecoveredEffect::Kind::add_column;
      effect.to = *column;
    }
  } else if (cursor.accept("drop")) {
    if (!cursor.accept("column") && cursor.word() == "constraint") return effect;
    cursor.accept_all({"if", "exists"});
    if (std::optional<std::string> column = cursor.identifier()) {
      effect.kind = RecoveredEffect::Kind::drop_column;
      effect.from = *column;
    }
  }
  return effect;
}

}  // namespace

RecoveredEffect recover_effect(std::string_view text, std::span<const Token> tokens) {
  TokenCursor cursor(text, tokens);
  if (cursor.accept("create")) return create(cursor);
  if (cursor.accept("drop")) return drop(cursor);
  if (cursor.accept("alter")) return alter(cursor);
  return {};
}

}  // namespace miglint
