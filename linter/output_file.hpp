#pragma once

#include <filesystem>
#include <fstream>
#include <string>

namespace miglint {

/// Writes a report to a temporary file next to `path` and renames it into place on commit(),
/// so a failed run never leaves a partial output file (and never clobbers an old one).
class AtomicOutputFile {
 public:
  /// Opens the temporary file; throws Error when the directory is not writable.
  explicit AtomicOutputFile(std::filesystem::path path);
  /// Removes the temporary file unless commit() succeeded.
  ~AtomicOutputFile();
  AtomicOutputFile(const AtomicOutputFile&) = delete;
  AtomicOutputFile& operator=(const AtomicOutputFile&) = delete;

  /// The stream to write the report to.
  std::ostream& stream() { return out_; }
  /// Flushes, closes and renames the file into place; throws Error on failure.
  void commit();

 private:
  std::filesystem::path path_;
  std::filesystem::path temp_;
  std::ofstream out_;
  bool committed_ = false;
};

}  // namespace miglint
