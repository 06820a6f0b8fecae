#pragma once

#include <string>
#include <vector>

#include "linter/migration_set.hpp"

namespace miglint::validate {

/// Where one migration stands in a live database.
enum class MigrationState {
  /// Recorded as applied, and the file matches.
  applied,
  /// Not recorded yet.
  pending,
  /// Recorded as applied, but its file is gone.
  missing_file,
  /// Recorded as applied, but the file's checksum differs from the recorded one.
  edited,
  /// Recorded, but the runner marked it failed or dirty: the database is in between.
  dirty,
  /// Not recorded, and the runner will never apply it (drizzle: its journal `when` is not after
  /// the newest applied one's).
  skipped,
};

/// `applied`, `pending`, `missing-file`, `edited`, `dirty`, `skipped`.
std::string_view to_string(MigrationState state);

/// One line of `miglint status`.
struct MigrationStatus {
  /// Version (or name, for runners that record names).
  std::string version;
  /// Name or file, for display.
  std::string name;
  /// Where it stands.
  MigrationState state = MigrationState::pending;
  /// Why, when it is not simply applied or pending (e.g. the two checksums).
  std::string detail;
};

/// What `miglint status` found.
struct StatusReport {
  /// The history table read, e.g. `flyway_schema_history`.
  std::string table;
  /// One entry per migration file and per recorded migration without a file, in run order.
  std::vector<MigrationStatus> migrations;
};

/// Flyway's checksum of a migration script: CRC-32 over the UTF-8 bytes of each line, without line
/// terminators (and without a byte order mark), as a signed 32-bit integer.
int32_t flyway_checksum(std::string_view text);

/// Reads the runner's history table through `database_url` (read-only) and compares it with the
/// set. Throws Error when the table for the set's layout does not exist or cannot be read.
StatusReport read_status(const MigrationSet& set, const std::string& database_url);

}  // namespace miglint::validate
