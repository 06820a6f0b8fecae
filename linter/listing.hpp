#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "linter/discover.hpp"
#include "linter/migration_set.hpp"
#include "linter/source_file.hpp"

namespace miglint {

/// What a migration directory holds: every file and folder below it (relative, forward slashes,
/// in migration order). Files are read on demand, each at most once, whether for detecting the
/// layout or for loading the set.
class Listing {
 public:
  /// Lists `root`, leaving out hidden entries and what `filter` excludes. Throws Error when the
  /// directory cannot be read.
  Listing(const std::filesystem::path& root, const ExcludeFilter& filter);
  /// A listing of files held in memory (relative path -> text), e.g. read from git, shown as if
  /// they were in `root`.
  Listing(const std::filesystem::path& root, const std::vector<std::pair<std::string, std::string>>& files);

  /// The directory listed.
  const std::filesystem::path& root() const { return root_; }
  /// Every file, relative to the root.
  const std::vector<std::string>& files() const { return files_; }
  /// Every folder, relative to the root.
  const std::vector<std::string>& directories() const { return directories_; }
  /// True when `relative` is one of the files.
  bool has_file(const std::string& relative) const;
  /// The text of a file (read now if it was not yet). Throws Error when it cannot be read.
  std::string_view text(const std::string& relative) const;
  /// The file, read if needed, handed over (a later text() reads it again).
  std::unique_ptr<SourceFile> take(const std::string& relative) const;

 private:
  std::unique_ptr<SourceFile> read(const std::string& relative) const;

  std::filesystem::path root_;
  std::vector<std::string> files_;
  std::vector<std::string> directories_;
  // For a listing in memory: the texts not yet taken.
  std::map<std::string, std::string> in_memory_;
  // A read-through cache: const lookups may fill it.
  mutable std::map<std::string, std::unique_ptr<SourceFile>> read_;
};

/// True for `*.sql` file names.
bool is_sql(const std::string& relative);
/// True for entries directly in the root.
bool at_top_level(const std::string& relative);
/// The file name of a relative path.
std::string basename(const std::string& relative);

/// Builds a MigrationSet from a listing, adding each file to the set once.
class SetBuilder {
 public:
  /// A set of `layout` rooted at the listing's directory.
  SetBuilder(const Listing& listing, LayoutId layout, bool has_downs);

  /// The index in the set of `relative`, adding the file on first use.
  size_t file(const std::string& relative);
  /// The text of a file of the set.
  std::string_view text(size_t file_index) const { return set_.files[file_index]->text(); }
  /// A script covering a whole file.
  Script whole(size_t file_index) const;
  /// Adds a migration (in the order the runner applies them).
  void add(Migration migration) { set_.migrations.push_back(std::move(migration)); }
  /// Records that the runner would ignore, reject or misorder a file.
  void problem(const std::string& relative, std::string message);
  /// The set.
  MigrationSet finish() { return std::move(set_); }

 private:
  const Listing& listing_;
  MigrationSet set_;
  std::map<std::string, size_t> index_;
};

}  // namespace miglint
