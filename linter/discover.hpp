#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace miglint {

/// Migration files that belong together: their order is the order they run in, and the catalog
/// is replayed across them.
struct MigrationSet {
  /// The directory given on the command line, or empty for loose files.
  std::string root;
  /// Paths as they will be displayed, in run order.
  std::vector<std::string> files;
  /// Down/undo migrations found in a directory and left out of the forward history.
  std::vector<std::string> skipped_down_files;
};

/// Decides which paths are left out (`exclude` in miglint.toml).
class ExcludeFilter {
 public:
  /// Glob patterns (`*`, `?`, `[...]`, `**`), relative to `base`.
  ExcludeFilter(std::vector<std::string> patterns, std::filesystem::path base);
  /// No exclusions.
  ExcludeFilter() = default;
  /// True when `path` matches a pattern, as given or relative to the base directory.
  bool excluded(const std::filesystem::path& path) const;

 private:
  std::vector<std::string> patterns_;
  std::filesystem::path base_;
};

/// Turns command-line paths into migration sets. A directory (searched recursively for `*.sql`)
/// is one set; loose files, and glob patterns, together form one set. Throws Error for a path that
/// does not exist, a pattern that matches nothing, or a directory without SQL files.
std::vector<MigrationSet> discover(const std::vector<std::string>& paths, const ExcludeFilter& filter);

/// Compares paths the way migration runners order versions: digit runs compare as numbers
/// (`2_b.sql` < `10_a.sql`), the rest byte by byte.
bool migration_order_less(const std::string& a, const std::string& b);

/// True for down/undo migrations that are not part of the forward history:
/// `*.down.sql`, `down.sql`, Flyway `U<version>__*.sql`, and files under a `rollback/` folder.
bool is_down_migration(const std::filesystem::path& relative_path);

}  // namespace miglint
