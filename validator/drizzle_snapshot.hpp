#pragma once

#include <string>
#include <string_view>

namespace miglint::validate {

/// The DDL for a drizzle-kit snapshot (`meta/NNNN_snapshot.json`, PostgreSQL dialect): schemas,
/// enums, sequences, tables with their columns (types, defaults, identity, generated columns),
/// primary keys, unique and check constraints, foreign keys, indexes (expressions, operator
/// classes, order, WHERE), row level security and policies, and views, written the way
/// drizzle-kit writes its migrations.
struct DrizzleDdl {
  /// The SQL.
  std::string sql;
  /// Empty on success; otherwise what could not be read...
  std::string error;
  /// ...and where (byte offset in the snapshot).
  uint32_t error_offset = 0;
};

/// True when `text` looks like a drizzle-kit snapshot (`"dialect": "postgresql"` and `tables`).
bool is_drizzle_snapshot(std::string_view text);

/// Translates a drizzle-kit snapshot to PostgreSQL DDL.
DrizzleDdl drizzle_snapshot_to_ddl(std::string_view text);

/// Whether a drizzle-kit snapshot can describe the object `key` of a snapshot: it holds tables,
/// views, sequences, enums, schemas, indexes, constraints and policies, but no functions,
/// triggers, extensions, domains, composite types or comments.
bool drizzle_describes(const std::string& key, const std::string& definition);

}  // namespace miglint::validate
