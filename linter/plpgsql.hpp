#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "linter/source_file.hpp"

namespace miglint {

/// What a PL/pgSQL block body runs, in offsets relative to the body's first byte.
struct PlpgsqlSql {
  /// Its static SQL statements and the constant strings it EXECUTEs, in body order (strings with
  /// quote escapes are left out: their text does not lie verbatim in the body).
  std::vector<TextRange> statements;
  /// Where it EXECUTEs SQL built at run time (`format(...)`, a variable): what that does cannot
  /// be known.
  std::vector<uint32_t> dynamic;
  /// False when the body may run only some of its statements: it branches or loops (IF, CASE,
  /// LOOP, WHILE, FOR, EXIT, CONTINUE), catches errors (EXCEPTION), or EXECUTEs SQL built
  /// at run time.
  bool straight_line = true;
};

/// The SQL a PL/pgSQL block body runs. Statements in EXCEPTION handlers are left out: they run
/// only after the block failed. Empty when PostgreSQL's PL/pgSQL parser rejects the body.
PlpgsqlSql plpgsql_embedded_sql(std::string_view body);

/// Where the body of a dollar-quoted (`$tag$...$tag$`) or plain-quoted string constant that
/// starts at `literal_begin` in `text` lies, when its content is there verbatim (no `''` escape);
/// `content` is the constant's value as the parser gives it.
std::optional<TextRange> verbatim_string_body(std::string_view text, uint32_t literal_begin, std::string_view content);

}  // namespace miglint
