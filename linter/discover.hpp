#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace miglint {

/// What the command-line paths name: migration directories, and loose files.
struct Inputs {
  /// Directories, each read as one migration set.
  std::vector<std::string> directories;
  /// Files (and glob matches), together one set.
  std::vector<std::string> files;
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

/// Sorts command-line paths into directories and files, expanding glob patterns and dropping
/// excluded files. Throws Error for a path that does not exist or a pattern that matches nothing.
Inputs resolve_inputs(const std::vector<std::string>& paths, const ExcludeFilter& filter);

/// Compares paths the way migration runners order versions: digit runs compare as numbers
/// (`2_b.sql` < `10_a.sql`), the rest byte by byte.
bool migration_order_less(const std::string& a, const std::string& b);

/// True for down/undo migrations that are not part of the forward history:
/// `*.down.sql`, `down.sql`, Flyway `U<version>__*.sql`, and files under a `rollback/` folder.
bool is_down_migration(const std::filesystem::path& relative_path);

}  // namespace miglint
