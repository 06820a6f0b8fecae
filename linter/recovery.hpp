#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "linter/parse.hpp"
#include "linter/pg_node.hpp"

namespace miglint {

/// What a statement that the grammar rejected evidently does to the schema, read from its
/// scanner tokens alone. miglint parses with one PostgreSQL grammar; a statement in newer syntax
/// must still leave the catalog right for the statements after it.
struct RecoveredEffect {
  /// The kinds of statement that are recognised.
  enum class Kind {
    /// Nothing recognised (or nothing that changes the catalog).
    none,
    /// `CREATE TABLE name ...` (also `... AS`): `name`, columns unknown.
    create_table,
    /// `CREATE [UNIQUE] INDEX [name] ON table`: `name` (empty when unnamed), `table`.
    create_index,
    /// `CREATE TYPE`, `VIEW`, `MATERIALIZED VIEW`, `SEQUENCE`: `name`, `object` the kind.
    create_other,
    /// `DROP TABLE|INDEX|TYPE|VIEW|... a, b`: `dropped`, `object` the kind.
    drop,
    /// `ALTER TABLE|INDEX|TYPE|VIEW|... name RENAME TO to`: `object` the kind.
    rename,
    /// `ALTER TABLE table RENAME [COLUMN] from TO to`.
    rename_column,
    /// `ALTER TABLE table ADD [COLUMN] [IF NOT EXISTS] to ...` (type unknown).
    add_column,
    /// `ALTER TABLE table DROP [COLUMN] [IF EXISTS] from`.
    drop_column,
  };
  /// What kind.
  Kind kind = Kind::none;
  /// `table`, `index`, `type`, `view`, `materialized view`, `sequence` (lower case).
  std::string object;
  /// The object created or renamed, or the table whose column changes.
  QualifiedName name;
  /// For create_index: the indexed table.
  QualifiedName table;
  /// For drop: every object named.
  std::vector<QualifiedName> dropped;
  /// Old name (rename_column, drop_column).
  std::string from;
  /// New name (rename, rename_column, add_column).
  std::string to;
};

/// Reads the effect of one rejected statement from `tokens` (comments excluded) of `text`.
RecoveredEffect recover_effect(std::string_view text, std::span<const Token> tokens);

}  // namespace miglint
