#pragma once

#include <optional>
#include <string>
#include <vector>

#include "linter/parse.hpp"
#include "linter/source_file.hpp"

namespace miglint {

/// One rule id written in a suppression comment.
struct SuppressedId {
  /// The id as written.
  std::string id;
  /// Where it is written (for unknown or unused ids).
  TextRange range;
  /// Set once it has suppressed a diagnostic.
  bool used = false;
};

/// `-- miglint-ignore: a, b -- reason` (next statement) or `-- miglint-ignore-file: a` (file).
struct Suppression {
  /// What the comment covers.
  enum class Scope { statement, file };
  /// Statement or file.
  Scope scope = Scope::statement;
  /// The comment itself.
  TextRange comment;
  /// The ids; empty means every rule.
  std::vector<SuppressedId> ids;
  /// For statement scope: the range of the statement it applies to, when it is directly above one.
  std::optional<TextRange> statement;
  /// For a comment on its own line inside a statement (e.g. above one column of a CREATE TABLE):
  /// the line below it, whose findings it covers. Empty otherwise.
  TextRange line_target;
  /// For an empty id list: set once it has suppressed something.
  bool used = false;

  /// True when this suppression names `rule` (or names no rule at all); marks it used.
  bool covers(const std::string& rule);
  /// True when this is a statement or line suppression that found its target.
  bool attached() const { return statement.has_value() || line_target.end > line_target.begin; }
};

/// Finds every miglint suppression comment of a parsed file (via the scanner's comment tokens,
/// so text inside string literals never counts) and attaches statement suppressions to the
/// statement directly below them, or, inside a statement, to the line directly below them.
std::vector<Suppression> find_suppressions(const SourceFile& file, const ParsedFile& parsed);

/// Parses the text of one comment; nullopt when it is not a miglint suppression. Offsets in the
/// result are relative to `comment_begin`.
std::optional<Suppression> parse_suppression_comment(std::string_view comment_text, uint32_t comment_begin);

}  // namespace miglint
