#pragma once

#include <optional>
#include <string>

#include "linter/layout.hpp"
#include "linter/listing.hpp"
#include "linter/migration_set.hpp"

namespace miglint {

// One loader per runner: each reads a listing the way that runner reads its folder, and one
// evidence function per runner says which file (if any) shows the folder is that runner's. The
// table in layout.cpp ties them to their LayoutInfo.

/// Flyway: `V<version>__<name>.sql`, undo `U<version>__<name>.sql`, repeatable `R__<name>.sql`.
MigrationSet load_flyway(const Listing& listing);
/// Flyway-named files anywhere below the folder, against every file that looks versioned.
std::optional<Evidence> flyway_evidence(const Listing& listing);

/// golang-migrate: `<version>_<name>.up.sql` and `.down.sql`.
MigrationSet load_golang_migrate(const Listing& listing);
/// Top-level files named like golang-migrate's, against every numbered top-level file.
std::optional<Evidence> golang_migrate_evidence(const Listing& listing);

/// goose: `<version>_<name>.sql` with `-- +goose Up` / `-- +goose Down` sections.
MigrationSet load_goose(const Listing& listing);
/// The first annotated file, when it has goose's marker.
std::optional<Evidence> goose_evidence(const Listing& listing);

/// dbmate: `<version>_<name>.sql` with `-- migrate:up` / `-- migrate:down` sections.
MigrationSet load_dbmate(const Listing& listing);
/// The first annotated file, when it has dbmate's marker.
std::optional<Evidence> dbmate_evidence(const Listing& listing);

/// node-pg-migrate SQL migrations: `-- Up Migration` / `-- Down Migration` sections.
MigrationSet load_node_pg_migrate(const Listing& listing);
/// The first annotated file, when it has node-pg-migrate's marker.
std::optional<Evidence> node_pg_migrate_evidence(const Listing& listing);

/// Atlas: numbered files plus `atlas.sum`, no downs.
MigrationSet load_atlas(const Listing& listing);
/// `atlas.sum`.
std::optional<Evidence> atlas_evidence(const Listing& listing);

/// diesel: `<version>_<name>/up.sql`, `down.sql`, optional `metadata.toml`.
MigrationSet load_diesel(const Listing& listing);
/// A top-level folder with an `up.sql`.
std::optional<Evidence> diesel_evidence(const Listing& listing);

/// Prisma Migrate: `<timestamp>_<name>/migration.sql`, `migration_lock.toml`.
MigrationSet load_prisma(const Listing& listing);
/// `migration_lock.toml`, or a top-level folder with a `migration.sql`.
std::optional<Evidence> prisma_evidence(const Listing& listing);

/// drizzle-kit: `meta/_journal.json` lists the migrations `<tag>.sql` in run order, each with its
/// `when` (epoch milliseconds, the version); a `.sql` file it does not list never runs.
MigrationSet load_drizzle(const Listing& listing);
/// `meta/_journal.json`.
std::optional<Evidence> drizzle_evidence(const Listing& listing);

/// sqitch: the order comes from `sqitch.plan`; deploy/, revert/ and verify/ scripts.
MigrationSet load_sqitch(const Listing& listing);
/// `sqitch.plan`.
std::optional<Evidence> sqitch_evidence(const Listing& listing);

/// Plain numbered files, with rollbacks in a `rollback/` folder paired by their number.
MigrationSet load_plain(const Listing& listing);

/// Anything else: every .sql file below the folder, in version order, down files left out.
MigrationSet load_files(const Listing& listing);

/// No file shows these layouts (plain and files are chosen when no runner is).
std::optional<Evidence> no_evidence(const Listing& listing);

}  // namespace miglint
