#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "linter/migration_set.hpp"
#include "linter/parse.hpp"

namespace miglint {

/// The key of a migration (see MigrationRecord::key).
std::string migration_key(const MigrationSet& set, const Migration& migration, const std::string& relative_path);

/// The record of one migration whose up script `up_file` parsed as `parsed` (null when the file
/// is not SQL text; then the byte hash stands in for the semantic one).
MigrationRecord record_of(const MigrationSet& set, const Migration& migration, const SourceFile& up_file,
                          const ParsedFile* parsed);

/// Records for every migration of a freshly loaded set (its files still in `set.files`). The
/// semantic checksum (a parse and a deparse) is computed for the records `needs_semantic` picks
/// (all when it is empty); the others carry their byte checksum in its place.
std::vector<MigrationRecord> records_of(const MigrationSet& set,
                                        const std::function<bool(const MigrationRecord&)>& needs_semantic = {});

/// The text of a miglint.sum for these records: a header line whose hash covers every other line
/// (so two branches that each add a migration conflict in git), then `path byte-hash
/// semantic-hash` per migration.
std::string format_sum(const std::vector<MigrationRecord>& records);

/// Reads a miglint.sum; throws Error as `path:line: message` when a line cannot be read.
BaseHistory read_sum(const std::filesystem::path& path, const MigrationSet& set);

/// Sets `set.base`: the directory at git revision `base_ref` when given, else the directory's
/// miglint.sum when there is one. Throws Error for a missing revision or an unreadable sum.
void attach_base(MigrationSet& set, const std::optional<std::string>& base_ref);

/// Which migrations a run judges when a set has a base (`--base`, miglint.sum).
enum class HistoryScope {
  /// Only migrations added or changed since the base, plus findings about applied migrations
  /// (edited, deleted, renamed, out of order). lint still replays the whole history into its
  /// catalog; validate applies the applied ones up only.
  changes_since_base,
  /// Every migration (`--whole-history`).
  whole_history,
};

/// Where a migration stands against the set's base (`--base` or miglint.sum).
enum class BaseStatus {
  /// Not applied at the base: the pull request adds it.
  added,
  /// Applied at the base, and its statements changed since.
  changed,
  /// Applied at the base; only whitespace, comments or case changed.
  reformatted,
  /// Applied at the base, byte for byte the same.
  applied,
};

/// Looks migrations of a set up in its base.
class BaseIndex {
 public:
  /// Indexes `set.base` (which must be set).
  explicit BaseIndex(const MigrationSet& set);
  /// The status of `migration`, whose up script is in `up_file` and parsed as `parsed` (null when
  /// the file is not SQL text). The semantic checksum is computed only when the bytes differ.
  BaseStatus status(const Migration& migration, const SourceFile& up_file, const ParsedFile* parsed) const;

 private:
  const MigrationSet& set_;
  std::map<std::string, const MigrationRecord*> by_key_;
};

/// The name of the lock file in a migration directory.
inline constexpr const char* kSumFileName = "miglint.sum";

}  // namespace miglint
