#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace miglint {

/// The files of a directory as they were at a git revision, read into memory. Reads git with the
/// `git` command (no shell): rev-parse, ls-tree and one cat-file --batch for all contents.
class GitSnapshot {
 public:
  /// Checks out `directory` (any path inside a work tree) at `ref`. Throws Error with a clear
  /// message when git is missing, the directory is not in a repository, or the ref does not exist
  /// (naming a shallow clone as the likely cause).
  GitSnapshot(const std::filesystem::path& directory, const std::string& ref);
  /// What `directory` held at `ref`: paths relative to it, and their contents.
  const std::vector<std::pair<std::string, std::string>>& files() const { return files_; }
  /// False when the directory did not exist at `ref` (every migration is new then).
  bool existed() const { return existed_; }
  /// The full commit id `ref` resolved to.
  const std::string& commit() const { return commit_; }

 private:
  void read_files(const std::filesystem::path& repository, const std::vector<std::string>& paths, const std::string& prefix);

  std::vector<std::pair<std::string, std::string>> files_;
  std::string commit_;
  bool existed_ = false;
};

}  // namespace miglint
