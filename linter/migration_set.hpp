#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "linter/discover.hpp"
#include "linter/layout.hpp"
#include "linter/source_file.hpp"

namespace miglint {

/// How a migration runner wraps a migration in transactions. This decides whether
/// `CREATE INDEX CONCURRENTLY` fails and how long locks are held.
enum class TransactionMode {
  /// The runner issues BEGIN/COMMIT around the whole migration and sends the script as one query
  /// (dbmate, diesel): after an explicit COMMIT in the script, the rest of that query runs in an
  /// implicit transaction of its own.
  wrapped,
  /// The runner issues BEGIN/COMMIT around the whole migration and sends each statement on its
  /// own (goose, Atlas): after an explicit COMMIT in the script, the rest runs in autocommit.
  wrapped_each_statement,
  /// The file is sent as one multi-statement query: more than one statement means one implicit
  /// transaction; a single statement runs on its own (golang-migrate, Prisma).
  implicit_when_multi_statement,
  /// No transaction unless the SQL opens one (goose NO TRANSACTION, dbmate transaction:false...).
  none,
  /// Flyway: a transaction, unless the migration holds statements that cannot run in one, in
  /// which case all of its statements must be of that kind.
  flyway_auto,
  /// The runner is not known.
  unknown,
};

/// `transaction`, `implicit`, `none`, `flyway-auto`, `unknown`.
std::string_view to_string(TransactionMode mode);

/// A part of a file that runs as one script: a whole file, or a goose/dbmate section.
struct Script {
  /// Index into MigrationSet::files.
  size_t file = 0;
  /// The bytes of the file that belong to this script.
  TextRange section;
  /// Offsets where the runner cuts the script into separate queries whatever the SQL says
  /// (drizzle's `--> statement-breakpoint`): a statement ends there even without a `;`.
  std::vector<uint32_t> breaks = {};
};

/// One migration, as its runner sees it.
struct Migration {
  /// The version as written (`1.2` for Flyway `V1_2__x.sql`, the timestamp for Prisma); empty
  /// for Flyway repeatable migrations.
  std::string version;
  /// The descriptive name.
  std::string name;
  /// The forward script (missing for an orphan down file).
  std::optional<Script> up;
  /// The rollback script, when the layout has one.
  std::optional<Script> down;
  /// How the runner wraps it in transactions.
  TransactionMode transaction = TransactionMode::unknown;
  /// Flyway `R__` migrations run after the versioned ones, whenever they change.
  bool repeatable = false;
  /// How the runner wraps the down, when that differs from the up (dbmate's
  /// `-- migrate:down transaction:false`).
  std::optional<TransactionMode> down_transaction;

  /// How the runner wraps the down script.
  TransactionMode down_mode() const { return down_transaction.value_or(transaction); }
};

/// A file the runner would ignore, reject or misorder, and why.
struct NamingProblem {
  /// Index into MigrationSet::files.
  size_t file = 0;
  /// What the runner does with it.
  std::string message;
};

/// A migration as recorded at a base revision or in miglint.sum: enough to tell later whether it
/// was edited, renamed, deleted, or whether a new one sorts before it.
struct MigrationRecord {
  /// What identifies the migration for its runner: the canonical version, `R:<name>` for Flyway
  /// repeatables, the file path for layouts without versions.
  std::string key;
  /// The version as written.
  std::string version;
  /// The up script's file, relative to the set's root, with forward slashes.
  std::string path;
  /// SHA-256 of the up script's bytes.
  std::string byte_hash;
  /// SHA-256 of its canonical statements (see canonical_statements()).
  std::string semantic_hash;
  /// The canonical statements themselves (empty when read from miglint.sum).
  std::vector<std::string> statements;
  /// False for repeatable migrations, which may change by design.
  bool versioned = true;
};

/// Where the records a lint compares against came from.
struct BaseHistory {
  /// `origin/main` (a git revision) or `miglint.sum`.
  std::string label;
  /// The applied migrations, in run order.
  std::vector<MigrationRecord> records;
};

/// A folder of migrations (or loose files) read according to its runner's layout.
struct MigrationSet {
  /// The directory given on the command line; empty for loose files and stdin.
  std::string root;
  /// The runner whose rules the set was read by (see layout_info()).
  LayoutId layout = LayoutId::files;
  /// True when the layout was forced, or the files showed it for sure (a runner's marker, or
  /// every file fitting its naming). Naming findings are only reported then.
  bool layout_certain = false;
  /// Why the layout was assumed when it is not certain (for the report).
  std::string layout_reason;
  /// True when the layout has down migrations at all.
  bool layout_has_downs = false;
  /// Every file read, in display form.
  std::vector<std::unique_ptr<SourceFile>> files;
  /// Migrations in the order the runner applies them. Two migrations may share a version: the
  /// runner refuses that, and ban-duplicate-migration-version reports it.
  std::vector<Migration> migrations;
  /// Files the runner would ignore, reject or misorder.
  std::vector<NamingProblem> naming_problems;
  /// What was already applied, to compare against: the set at `--base REF`, or its miglint.sum.
  std::optional<BaseHistory> base;
};

/// Reads a migration directory. The layout is detected from file names, directory structure and
/// runner annotations unless `forced_layout` names one. Throws Error (naming the files) for an
/// unreadable file, a directory that mixes layouts, or runner files that do not parse.
MigrationSet load_migration_directory(const std::string& root, const ExcludeFilter& filter,
                                      std::optional<LayoutId> forced_layout);

/// A file's path relative to a set's root, with forward slashes (the path itself for loose
/// files): what runners sort and identify migrations by.
std::string relative_path(const std::string& root, const std::string& path);

/// Puts the migrations in the order the set's runner applies them; ties keep their order.
void sort_in_run_order(MigrationSet& set);

/// Reads migrations held in memory (relative path -> text, e.g. a directory at a git revision) as
/// if they were in the directory `root`, with the given layout.
MigrationSet load_migration_files(const std::string& root, const std::vector<std::pair<std::string, std::string>>& files,
                                  LayoutId layout);

/// A version with each digit run stripped of leading zeros, so `001` and `1` compare equal, as
/// runners that parse versions as numbers see them, and without trailing `.0` parts, so `1.0`
/// and `1` do (Flyway's MigrationVersion drops them: `V1__a.sql` and `V1.0__b.sql` collide).
std::string canonical_version(std::string_view version);

/// The version as `layout`'s runner tells versions apart: canonical_version() when it parses them
/// as numbers, else as written.
std::string version_key(LayoutId layout, std::string_view version);

/// What `layout`'s runner records a (versioned) migration by: `<version>_<name>` for Prisma and
/// node-pg-migrate (see LayoutInfo::records_by_name), else its version_key().
std::string recorded_key(LayoutId layout, const Migration& migration);

/// Loose files (or stdin) as one set in migration order: each file is one migration whose up
/// part is everything before a goose/dbmate/node-pg-migrate down marker.
MigrationSet load_loose_files(std::vector<std::unique_ptr<SourceFile>> files);

}  // namespace miglint
