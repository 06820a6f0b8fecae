#pragma once

#include <cstddef>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "linter/parse.hpp"
#include "linter/pg_node.hpp"
#include "linter/recovery.hpp"
#include "linter/shared_map.hpp"

namespace miglint {

/// Where the catalog is in the replay: which migration of the set, which file of the run.
struct ReplayPosition {
  /// Index of the migration in its set (0-based, in run order).
  size_t migration = 0;
  /// Index of the file in the run's file list (for diagnostics pointing back at it).
  size_t file = 0;
};

/// Where an object was defined.
struct Origin {
  /// Index of the file in the run's file list.
  size_t file = 0;
  /// The defining clause.
  TextRange range;
};

/// Marks objects that the replayed history never created: they existed before it.
inline constexpr size_t kBeforeHistory = std::numeric_limits<size_t>::max();

/// A column as far as the replay knows it.
struct CatalogColumn {
  /// Column name.
  std::string name;
  /// Current type.
  ColumnType type;
  /// NOT NULL is set.
  bool not_null = false;
  /// A DEFAULT (or identity / serial) fills it for new rows.
  bool has_default = false;
};

/// The kinds of table constraints rules care about.
enum class ConstraintKind { primary_key, unique, foreign_key, check, exclusion };

/// A table constraint.
struct CatalogConstraint {
  /// Name (given, or the one PostgreSQL would generate).
  std::string name;
  /// What it is.
  ConstraintKind kind = ConstraintKind::check;
  /// Constrained (for a foreign key: referencing) columns.
  std::vector<std::string> columns;
  /// For a foreign key: the referenced table.
  QualifiedName referenced_table;
  /// False for `NOT VALID` until `VALIDATE CONSTRAINT`.
  bool validated = true;
  /// For `CHECK (col IS NOT NULL)`: the column.
  std::string not_null_column;
  /// Where it was defined (meaningful when `created_in != kBeforeHistory`).
  Origin origin;
  /// Migration that added it, or kBeforeHistory.
  size_t created_in = kBeforeHistory;
};

/// An index (including the ones behind PRIMARY KEY and UNIQUE constraints).
struct CatalogIndex {
  /// Qualified index name.
  QualifiedName name;
  /// Catalog key of the indexed table.
  std::string table_key;
  /// Key columns in order; expressions appear as an empty string.
  std::vector<std::string> columns;
  /// UNIQUE or PRIMARY KEY.
  bool unique = false;
  /// Has a WHERE clause, so it does not cover every row.
  bool partial = false;
  /// The PRIMARY KEY or UNIQUE constraint it implements (empty for a plain index): DROP INDEX
  /// refuses such an index.
  std::string owning_constraint;
};

/// A schema object other than a table or an index, as far as the replay knows it.
struct CatalogObject {
  /// `type`, `view` or `sequence`.
  std::string kind;
  /// Qualified name.
  QualifiedName name;
  /// Migration that created it, or kBeforeHistory.
  size_t created_in = kBeforeHistory;
};

/// An object the history created and then dropped or renamed: a DROP of it fails.
struct Tombstone {
  /// `dropped` or `renamed to <name>`.
  std::string what;
  /// The statement that did it.
  Origin origin;
};

/// A table as far as the replay knows it.
struct CatalogTable {
  /// Qualified name.
  QualifiedName name;
  /// Columns in order (may be incomplete when `columns_known` is false).
  std::vector<CatalogColumn> columns;
  /// Constraints.
  std::vector<CatalogConstraint> constraints;
  /// False when the table predates the history or came from CREATE TABLE AS.
  bool columns_known = true;
  /// Migration that created it, or kBeforeHistory.
  size_t created_in = kBeforeHistory;
  /// Where it was created (meaningful when `created_in != kBeforeHistory`).
  Origin origin;
  /// For a table created in the history: where it first got rows in the migration that created
  /// it (CREATE TABLE ... AS, INSERT ... SELECT, COPY, UPDATE), if it did. From there on it holds
  /// rows, new or not.
  std::optional<Origin> filled;

  /// The column named `name`, or null.
  const CatalogColumn* column(std::string_view column_name) const;
};

/// The schema that replaying the migrations, statement by statement, would produce. Rules see
/// the catalog as it was just before the statement they check.
class Catalog {
 public:
  /// The table, or null when the history never mentioned it.
  const CatalogTable* table(const QualifiedName& name) const;
  /// The column, or null when unknown.
  const CatalogColumn* column(const QualifiedName& table_name, std::string_view column_name) const;
  /// An index (non-partial) whose leading columns are exactly `columns` in some order.
  const CatalogIndex* index_covering(const std::string& table_key, const std::vector<std::string>& columns) const;
  /// True when a validated `CHECK (column IS NOT NULL)` exists on the table.
  bool has_validated_not_null_check(const QualifiedName& table_name, std::string_view column_name) const;
  /// All tables by key.
  const SharedMap<CatalogTable>& tables() const { return tables_; }
  /// All indexes by key.
  const SharedMap<CatalogIndex>& indexes() const { return indexes_; }
  /// A type, view or sequence (`kind`), or null.
  const CatalogObject* object(std::string_view kind, const QualifiedName& name) const;
  /// How a table, index, type, view or sequence (`kind`) that the history created went away, if
  /// it did and was not created again.
  const Tombstone* gone(std::string_view kind, const QualifiedName& name) const;
  /// Statements so far whose effect on the schema the replay cannot know (DO blocks, CALL,
  /// SELECT of functions, CREATE EXTENSION, statements the grammar rejected). While there are
  /// none, an object the history never mentioned does not exist.
  size_t opaque_statements() const { return opaque_statements_; }

  /// Applies the effect of one statement.
  void apply(const Statement& stmt, const ReplayPosition& position);
  /// Applies what a statement the grammar rejected evidently does (see recover_effect()).
  void apply_recovered(const RecoveredEffect& effect, TextRange range, const ReplayPosition& position);

 private:
  CatalogTable& ensure_table(const QualifiedName& name);
  void create_table(const Statement& stmt, const PgQuery__CreateStmt& create, const ReplayPosition& position);
  void alter_table(const Statement& stmt, const PgQuery__AlterTableStmt& alter, const ReplayPosition& position);
  void add_column(CatalogTable& table, const Statement& stmt, const PgQuery__ColumnDef& def, const ReplayPosition& position);
  void add_constraint(CatalogTable& table, const Statement& stmt, const PgQuery__Constraint& constraint,
                      std::vector<std::string> columns, const ReplayPosition& position);
  void drop_column(CatalogTable& table, std::string_view column_name);
  void drop_constraint(CatalogTable& table, std::string_view constraint_name);
  void create_index(const PgQuery__IndexStmt& index);
  void rename(const PgQuery__RenameStmt& rename);
  void rename_table(const QualifiedName& target, const std::string& new_name);
  void rename_column(const QualifiedName& table_name, const std::string& from, const std::string& to);
  void rename_index(const QualifiedName& target, const std::string& new_name);
  void rename_object(std::string_view kind, const QualifiedName& target, const std::string& new_name);
  void drop(const PgQuery__DropStmt& drop);
  void drop_table(const std::string& key);
  void drop_objects(const PgQuery__DropStmt& drop, std::string_view kind);
  void mark_filled(const PgQuery__RangeVar* relation, const Statement& stmt, const ReplayPosition& position);
  void create_object(std::string_view kind, const QualifiedName& name, const ReplayPosition& position);
  void bury(std::string_view kind, const QualifiedName& name, std::string what);
  void unbury(std::string_view kind, const QualifiedName& name);

  // Copies share these until they write (see SharedMap): the replay keeps the catalog as it
  // stood before every migration with a down.
  SharedMap<CatalogTable> tables_;
  SharedMap<CatalogIndex> indexes_;
  SharedMap<CatalogObject> objects_;  // by `kind schema.name`
  SharedMap<Tombstone> gone_;         // by `kind schema.name`
  size_t opaque_statements_ = 0;
  size_t current_file_ = 0;
  TextRange current_range_;
};

/// The name PostgreSQL generates for an unnamed constraint or index (without 63-byte truncation).
std::string generated_name(std::string_view table, const std::vector<std::string>& columns, std::string_view suffix);

}  // namespace miglint
