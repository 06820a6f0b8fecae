#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "linter/run_order.hpp"

namespace miglint {

class Listing;
struct MigrationSet;
enum class TransactionMode;

/// The migration runners (and folder conventions) miglint reads.
enum class LayoutId { flyway, golang_migrate, goose, dbmate, diesel, prisma, drizzle, sqitch, node_pg_migrate, atlas, plain, files };

/// What a directory shows of one runner.
struct Evidence {
  /// The first file that shows it.
  std::string file;
  /// True for the runner's own markers: a file only it uses (`sqitch.plan`, `migration_lock.toml`,
  /// `atlas.sum`, a migration folder with `up.sql` or `migration.sql`) or its annotation in a
  /// migration (`-- +goose Up`). False for evidence from file names alone.
  bool marker = false;
  /// Naming evidence: the files that look like migrations (a version in the name)...
  size_t candidates = 0;
  /// ...and how many of them are named as this runner expects.
  size_t fitting = 0;
  /// A candidate that does not fit (for the report), if any.
  std::string misfit;

  /// True when the directory is this runner's for sure: a marker, or every candidate fitting.
  bool conclusive() const { return marker || fitting == candidates; }
};

/// The layout a directory was read with, and how sure miglint is.
struct Detection {
  /// The layout.
  LayoutId layout;
  /// True when forced with --layout, shown by a runner's marker, or every file fits its naming.
  bool certain = false;
  /// Why this layout was assumed, when it was not certain (for the report).
  std::string reason;
};

/// How a runner groups a run's pending migrations into transactions.
enum class RunGrouping {
  /// Each migration on its own (in a transaction or not, by its TransactionMode).
  per_migration,
  /// Every pending migration of a run in one transaction (node-pg-migrate's default
  /// `--single-transaction`, drizzle's migrator): a lock taken by the first is held until the last commits, and a
  /// failure rolls them all back.
  whole_run,
};

/// Everything miglint knows about one runner, in one place: adding a runner is one entry in the
/// table of layout.cpp plus its loader. Nothing else compares layout names.
struct LayoutInfo {
  /// Which runner.
  LayoutId id;
  /// The name users write with `--layout` and see in reports.
  std::string_view name;
  /// How the runner is named in messages ("the runner" when none is known).
  std::string_view runner;
  /// False for loose files and folders whose names fit no runner.
  bool runner_known = true;
  /// The order in which the runner applies migrations.
  RunOrder order = natural_order;
  /// How the runner tells that a migration is newer than the newest applied one, when not by
  /// `order` (drizzle: the journal's `when`, while the journal's order is the run order); a
  /// migration that is not newer never runs on that database. Null: by `order`.
  RunOrder newer = nullptr;
  /// What the runner does with a migration that is not newer than the newest applied one, for
  /// ban-out-of-order-migration (empty: what golang-migrate, goose and Flyway do).
  std::string_view older_migration;
  /// How the runner groups a run's migrations into transactions.
  RunGrouping grouping = RunGrouping::per_migration;
  /// True when the runner identifies and orders migrations by version; false when a plan or the
  /// file list decides (sqitch, loose files): then edits are tracked by path, and nothing can
  /// be out of order.
  bool by_version = true;
  /// True when the runner records an applied migration by its whole name, not its version
  /// (Prisma's folder name, node-pg-migrate's file name): two migrations may share a version and
  /// both run, in name order.
  bool records_by_name = false;
  /// True when the runner parses versions as numbers (Flyway, golang-migrate, goose), so `003`
  /// and `3` are one version; false when it keeps them as strings (dbmate, diesel, Atlas).
  bool numeric_versions = true;
  /// The table in which the runner records applied migrations (empty: none that miglint reads).
  std::string_view history_table;
  /// How to make the runner execute a migration outside a transaction, as an instruction
  /// ("add `-- +goose NO TRANSACTION` to the file").
  std::string_view no_transaction;
  /// What the runner does after the script's own COMMIT or ROLLBACK ended the transaction it
  /// opened, when that is known to fail (empty: its own COMMIT merely finds no transaction).
  std::string_view ended_transaction;
  /// What the directory shows of this runner, if anything.
  std::optional<Evidence> (*evidence)(const Listing& listing) = nullptr;
  /// Reads the directory as this runner would.
  MigrationSet (*load)(const Listing& listing) = nullptr;
};

/// The descriptor of a layout.
const LayoutInfo& layout_info(LayoutId id);
/// The descriptor named `name` (as `--layout` takes it), or null.
const LayoutInfo* find_layout(std::string_view name);
/// Every layout name, in table order.
const std::vector<std::string_view>& layout_names();
/// The layout's name.
std::string_view to_string(LayoutId id);

/// The layout a directory's files support: the runner whose marker it holds, or whose naming
/// every migration-like file follows; otherwise (some files fit a runner, others do not) no
/// runner, with the reason. Throws Error naming the files when markers of several runners show.
Detection detect_layout(const Listing& listing);

}  // namespace miglint
