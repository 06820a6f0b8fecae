#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "linter/clause.hpp"
#include "linter/parse.hpp"
#include "linter/pg_node.hpp"
#include "linter/rule.hpp"

// Helpers shared by several rules. A helper moves here when a second rule needs it.
namespace miglint {

/// One command of an ALTER TABLE, with the source range of its clause.
struct AlterCommand {
  /// The command node.
  const PgQuery__AlterTableCmd* cmd = nullptr;
  /// `ADD COLUMN ...`, `DROP COLUMN ...`: the comma-separated clause (the whole statement when
  /// the tokens could not be matched).
  TextRange range;
};

/// `d` with what it predicts its statement does to `table`'s rows (see PredictedEffect).
Diagnostic with_effect(PredictedEffect::Kind kind, const QualifiedName& table, Diagnostic d);

/// The ALTER TABLE statement, or null for anything else (ALTER INDEX, ALTER VIEW, ...).
const PgQuery__AlterTableStmt* as_alter_table(const Statement& stmt);

/// The commands of an ALTER TABLE, each with its clause range.
std::vector<AlterCommand> alter_commands(const Statement& stmt, const PgQuery__AlterTableStmt& alter);

/// The column definition an ADD COLUMN command adds, or null.
const PgQuery__ColumnDef* added_column(const PgQuery__AlterTableCmd& cmd);

/// The constraint an ADD CONSTRAINT command adds, or null.
const PgQuery__Constraint* added_constraint(const PgQuery__AlterTableCmd& cmd);

/// True when the column definition gives new rows a value: DEFAULT, identity, generated, serial.
bool column_has_default(const PgQuery__ColumnDef& def);

/// True when the column definition says NOT NULL (or PRIMARY KEY).
bool column_is_not_null(const PgQuery__ColumnDef& def);

/// True when a rule should treat `table` as holding live data: it was not created earlier in the
/// current migration.
bool is_existing_table(const Context& ctx, const QualifiedName& table);

/// True for ALTER TABLE's ENABLE/DISABLE TRIGGER subcommands (all their forms).
bool switches_trigger(PgQuery__AlterTableType subtype);

/// For an ALTER TABLE on a table that holds live data, calls `visit(table, command)` for each of
/// its commands; does nothing for other statements and for tables created in this migration.
void for_each_command_on_existing_table(const Statement& stmt, const Context& ctx,
                                        const std::function<void(const QualifiedName&, const AlterCommand&)>& visit);

/// The objects a DROP statement names (tables, indexes, types, ...), schema-qualified.
std::vector<QualifiedName> dropped_names(const PgQuery__DropStmt& drop);

/// True when a statement after `stmt` in the same script creates a view, function or type named
/// `name` again: a drop-and-recreate, the usual way to change one (or, in a DO body, when SQL
/// built at run time follows, which may do so).
bool recreated_later(const Statement& stmt, const Context& ctx, const QualifiedName& name);

/// For DROP VIEW / FUNCTION / TYPE (`remove_type`, catalog `kind`): the message for each dropped
/// object that running code may still use (not created in this migration, not recreated later).
std::vector<std::pair<QualifiedName, std::string>> dropped_objects_in_use(const Statement& stmt, const Context& ctx,
                                                                         PgQuery__ObjectType remove_type,
                                                                         std::string_view kind);

/// Help text shared by the rules on dropping objects that running code uses.
inline constexpr std::string_view kDropInUseHelp =
    "Stop using it first (deploy the code that no longer needs it), then drop it in a later migration and suppress "
    "this finding there with a reason.";

/// True when `index` belongs to a table that holds live data (see is_existing_table); an index the
/// history never saw counts as such.
bool index_on_existing_table(const Context& ctx, const QualifiedName& index);

/// True when a list of DefElem options (VACUUM's, REINDEX's) holds `name` without `false`/`0`.
bool has_option(std::span<PgQuery__Node* const> options, std::string_view name);

/// A lock the linter predicts a statement takes on a relation that holds data.
struct PredictedLock {
  /// The mode as SQL names it: `ACCESS EXCLUSIVE`, `SHARE ROW EXCLUSIVE`, ...
  std::string mode;
  /// The relation locked; nullopt when the statement does not name it (the table of a dropped
  /// index, each table VACUUM FULL or CLUSTER touches).
  std::optional<QualifiedName> relation;
  /// For messages: ``ACCESS EXCLUSIVE lock on `users` ``.
  std::string described;
};

/// The strongest lock blocking reads or writes that a statement takes (see blocking_lock()), as
/// data: what `validate --trace` holds the linter to (lint-trace-mismatch).
std::optional<PredictedLock> predicted_lock(const Statement& stmt, const Context& ctx);

/// PostgreSQL's level of a lock mode as SQL names it (`ACCESS SHARE` 1 .. `ACCESS EXCLUSIVE` 8):
/// the higher, the stronger; 0 for anything else.
int lock_level(std::string_view sql_mode);

/// The lock a statement takes that blocks other sessions' reads or writes of a table or view that
/// holds data, for messages (`ACCESS EXCLUSIVE lock on `users``): also on the tables a new foreign
/// key references and the parent of a new partition. nullopt when it takes none (new tables,
/// CONCURRENTLY, VALIDATE CONSTRAINT, plain DML).
std::optional<std::string> blocking_lock(const Statement& stmt, const Context& ctx);

/// Why the session setting `setting` (lock_timeout, statement_timeout) does not bound a statement
/// run with `session`: not set, 0 (no limit) or above `max_ms`. Empty when it does, or when its
/// value is an expression miglint cannot read (the benefit of the doubt).
std::string timeout_gap(const SessionSettings& session, std::string_view setting, std::optional<double> max_ms);

/// Which queries a lock from blocking_lock() holds up: "all queries" under ACCESS EXCLUSIVE,
/// "all writes" under the SHARE family (reads go on).
std::string_view blocked_queries(std::string_view lock);

/// A column given a type by CREATE TABLE, ALTER TABLE ... ADD COLUMN or ... ALTER COLUMN ... TYPE.
struct ColumnDefinition {
  /// The table it belongs to.
  QualifiedName table;
  /// The column's name.
  std::string column;
  /// The definition (for ALTER COLUMN ... TYPE only the type and its collation are filled in).
  const PgQuery__ColumnDef* def = nullptr;
  /// Where it is written.
  TextRange range;
  /// The type as written, by its last name part (`int4`, `serial`, `varchar`, `bpchar`, ...).
  std::string type_name;

  /// `table.column`, for messages.
  std::string display() const { return table.display() + "." + column; }
};

/// Every column a CREATE TABLE, ALTER TABLE ... ADD COLUMN or ALTER COLUMN ... TYPE statement
/// gives a type to: style rules judge a type chosen later as much as one chosen at creation.
std::vector<ColumnDefinition> column_definitions(const Statement& stmt);

/// The first line of a file (where file-level findings point), without a byte order mark.
TextRange first_line(const SourceFile& file);

/// `(a, b)`: a parenthesised, quoted column list for SQL in help texts.
std::string column_list_sql(const std::vector<std::string>& columns);

}  // namespace miglint
