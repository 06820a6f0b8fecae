#pragma once

#include <pg_query/pg_query.pb-c.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

// A thin veneer over libpg_query's protobuf-c structs: rules read the typed structs directly
// and use these helpers for the few things every rule needs (names, types, lists).
namespace miglint {

/// The children of a repeated node field as a span.
inline std::span<PgQuery__Node* const> items(PgQuery__Node* const* nodes, size_t count) {
  return count == 0 ? std::span<PgQuery__Node* const>() : std::span<PgQuery__Node* const>(nodes, count);
}

/// The value of a String node, or "" for anything else.
std::string_view string_value(const PgQuery__Node* node);

/// The String values of a list of nodes (e.g. a qualified name or a column list).
std::vector<std::string> string_list(std::span<PgQuery__Node* const> nodes);

/// A schema-qualified object name. Unqualified names live in `public`.
struct QualifiedName {
  /// Schema, `public` when the SQL did not say.
  std::string schema;
  /// Object name, as PostgreSQL stores it (unquoted identifiers already folded to lower case).
  std::string name;

  /// `schema.name`, the catalog key.
  std::string key() const { return schema + "." + name; }
  /// The name as a user would write it: `name` for public objects, `schema.name` otherwise.
  std::string display() const;
  /// The same, quoted where SQL needs it (`"Document"`), for statements in help texts.
  std::string sql() const;
};

/// The qualified name of a table reference.
QualifiedName relation_name(const PgQuery__RangeVar* relation);

/// A column type reduced to what rules compare: canonical base name, modifiers, array-ness.
struct ColumnType {
  /// Canonical name: `int4`, `int8`, `varchar`, `text`, `numeric`, `timestamptz`, a user type...
  std::string name;
  /// Integer type modifiers, e.g. {50} for varchar(50), {10, 2} for numeric(10,2).
  std::vector<int32_t> modifiers;
  /// True for `int[]` and friends.
  bool is_array = false;

  /// SQL spelling for messages, e.g. `varchar(50)`, `bigint`, `integer[]`.
  std::string display() const;
  /// Types compare by value.
  bool operator==(const ColumnType&) const = default;
};

/// The ColumnType of a TypeName node; serial types become their integer type.
ColumnType column_type(const PgQuery__TypeName* type_name);

/// For `CHECK (col IS NOT NULL)`, the column; otherwise nullopt.
std::optional<std::string> not_null_check_column(const PgQuery__Constraint* constraint);

/// Quotes an identifier when PostgreSQL would need it (upper case, spaces, keywords not handled).
std::string quote_identifier(std::string_view name);

/// A `"quoted"` identifier token without its quotes, doubled quotes undone; other text as it is.
std::string unquote_identifier(std::string_view token);

/// The name an identifier token spells, as PostgreSQL stores it: a quoted one unquoted, a plain
/// one folded to lower case.
std::string identifier_name(std::string_view token);

/// Joins names with ", ".
std::string join(const std::vector<std::string>& parts, std::string_view separator = ", ");

}  // namespace miglint
