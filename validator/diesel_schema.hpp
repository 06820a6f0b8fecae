#pragma once

#include <libpq-fe.h>

#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace miglint::validate {

/// One column as `diesel print-schema` prints it: `#[max_length = 255] email -> Nullable<Varchar>`.
struct DieselColumn {
  /// The SQL name (`#[sql_name = "type"]` when the Rust name differs).
  std::string name;
  /// The SQL type as printed, without the outer `Nullable<...>` and any path (`Int4`,
  /// `Array<Nullable<Text>>`, `Mood` for an enum).
  std::string type;
  /// Wrapped in `Nullable<...>`.
  bool nullable = false;
  /// `#[max_length = N]`.
  std::optional<long long> max_length;
  /// Where it is written (byte offset in schema.rs; 0 for the migrated side).
  uint32_t offset = 0;
  /// The name Rust code uses (`type_` for `#[sql_name = "type"]`).
  std::string rust_name;
  /// Its doc comment (`///` lines, one per line); on the migrated side, the column's COMMENT.
  std::optional<std::string> doc;
};

/// One `diesel::table!` block.
struct DieselTable {
  /// Empty for the default schema.
  std::string schema;
  /// The SQL name of the table.
  std::string name;
  /// The primary key, as in the table's header `users (id)`.
  std::vector<std::string> primary_key;
  /// In the order printed.
  std::vector<DieselColumn> columns;
  /// Where its header is (byte offset in schema.rs).
  uint32_t offset = 0;
  /// The name Rust code uses.
  std::string rust_name;
  /// Its doc comment; on the migrated side, the table's COMMENT.
  std::optional<std::string> doc;
};

/// `diesel::joinable!(posts -> users (user_id));`: a foreign key print-schema can join on.
struct DieselJoinable {
  /// The referencing table (SQL name).
  std::string child;
  /// The referenced table (SQL name).
  std::string parent;
  /// The referencing column (SQL name).
  std::string column;
  /// Where it is written (byte offset in schema.rs; 0 for the migrated side).
  uint32_t offset = 0;
};

/// What schema.rs says, or why it could not be read.
struct DieselSchema {
  /// The tables.
  std::vector<DieselTable> tables;
  /// The `joinable!` lines.
  std::vector<DieselJoinable> joinables;
  /// Empty on success; otherwise what could not be read...
  std::string error;
  /// ...and where.
  uint32_t error_offset = 0;
};

/// The `[print_schema]` settings of diesel.toml that change what print-schema prints.
struct DieselSettings {
  /// `schema`: the database schema printed (empty: the default, public).
  std::string schema;
  /// `filter.only_tables` / `filter.except_tables`: regular expressions over table names.
  std::vector<std::regex> only_tables;
  std::vector<std::regex> except_tables;
  /// `column_sorting = "name"` instead of the ordinal position.
  bool sort_columns_by_name = false;
  /// `patch_file`, read: applied by print-schema after printing.
  std::optional<std::string> patch;
  /// `with_docs`: whether print-schema prints COMMENTs as doc comments (`true`,
  /// "only-database-comments", "database-comments-fallback-to-auto-generated-doc-comment").
  bool with_docs = false;
};

/// Reads the `diesel::table!` (or `table!`) blocks of a schema.rs.
DieselSchema read_diesel_schema(std::string_view text);

/// `text` as print-schema printed it before `patch` (a unified diff) was applied: each hunk's
/// new lines are put back to its old ones. Nullopt when a hunk's new side is not in `text`.
std::optional<std::string> without_patch(std::string_view text, std::string_view patch);

/// The diesel.toml that governs `schema_rs` (searched upwards from its folder), read for the
/// `[print_schema]` section whose `file` is `schema_rs` (or the only one). Defaults when none.
/// Throws Error for a diesel.toml that cannot be read.
DieselSettings diesel_settings_for(const std::string& schema_rs);

/// What print-schema would print from the connected database: tables with a primary key, in the
/// settings' schema, filtered, their columns sorted as configured, with their comments when
/// `with_docs` is set, and the foreign keys it prints as `joinable!`.
DieselSchema diesel_schema_of(PGconn* conn, const DieselSettings& settings);

/// One way schema.rs differs from what print-schema would print now.
struct DieselDifference {
  /// Where in schema.rs (the stale line; 0 for a missing table).
  uint32_t offset = 0;
  /// What differs.
  std::string message;
};

/// Compares schema.rs with what print-schema prints for the migrated database (doc comments only
/// when `with_docs`).
std::vector<DieselDifference> diesel_differences(const DieselSchema& written, const DieselSchema& printed, bool with_docs);

}  // namespace miglint::validate
