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
};

/// What schema.rs says, or why it could not be read.
struct DieselSchema {
  /// The tables.
  std::vector<DieselTable> tables;
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

/// The tables print-schema would print from the connected database: tables with a primary key, in
/// the settings' schema, filtered, their columns sorted as configured.
std::vector<DieselTable> diesel_tables_of(PGconn* conn, const DieselSettings& settings);

/// One way schema.rs differs from what print-schema would print now.
struct DieselDifference {
  /// Where in schema.rs (the stale line; 0 for a missing table).
  uint32_t offset = 0;
  /// What differs.
  std::string message;
};

/// Compares schema.rs with what print-schema prints for the migrated database.
std::vector<DieselDifference> diesel_differences(const std::vector<DieselTable>& written,
                                                 const std::vector<DieselTable>& printed);

}  // namespace miglint::validate
