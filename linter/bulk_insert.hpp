#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace miglint {

/// The parts of an `INSERT INTO name [(columns)] VALUES (...), (...)` statement whose rows hold
/// only literals (numbers, '...' strings, NULL, TRUE, FALSE, DEFAULT, `::type` casts). Such rows
/// cannot lock, rewrite or drop anything, and no rule reads them, so large files skip parsing
/// them. Offsets are relative to the text given to bulk_insert().
struct BulkInsert {
  /// Where `INSERT` starts.
  uint32_t begin = 0;
  /// Just after `VALUES`: `INSERT INTO name (columns) VALUES`, the part that names the target.
  uint32_t head_end = 0;
  /// From the first row's `(` to the last row's `)`.
  uint32_t rows_begin = 0;
  /// Just after the last row's `)`.
  uint32_t rows_end = 0;
};

/// Recognises one statement (without its `;`) as a literal-rows INSERT. Anything else (comments,
/// expressions, function calls, escape strings, dollar quotes, ON CONFLICT, RETURNING, WITH)
/// gives nullopt: such statements are parsed in full.
std::optional<BulkInsert> bulk_insert(std::string_view statement);

/// Literal rows as a canonical string: spacing outside quotes removed, letters outside quotes
/// upper-cased, so that rows that differ only in formatting compare equal.
std::string canonical_rows(std::string_view rows);

}  // namespace miglint
