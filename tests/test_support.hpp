#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "linter/engine.hpp"
#include "rules/builtin_rules.hpp"

namespace miglint::test {

/// A fresh directory under the system temp dir, removed with everything in it on destruction.
class TempDir {
 public:
  /// Creates the directory.
  TempDir();
  /// Removes it recursively.
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  /// Its path.
  const std::filesystem::path& path() const { return path_; }
  /// Writes `text` to `relative` (creating parent folders) and returns the full path.
  std::filesystem::path write(const std::string& relative, const std::string& text) const;

 private:
  std::filesystem::path path_;
};

/// Lints in-memory files as one migration set, in the given order, with every default rule.
LintResult lint_texts(const std::vector<std::pair<std::string, std::string>>& files, int pg_version = 15,
                      const Config& config = {});

/// Lints one in-memory file.
LintResult lint_text(const std::string& sql, int pg_version = 15);

/// The rule ids of all diagnostics, in order.
std::vector<std::string> rule_ids(const LintResult& result);

/// What running the miglint binary produced.
struct RunResult {
  /// Exit status (or -1 when it did not exit normally).
  int exit_code = -1;
  /// Captured standard output.
  std::string out;
  /// Captured standard error.
  std::string err;
};

/// Runs the built miglint binary with `args` in `cwd`, feeding `stdin_text`; extra environment
/// assignments (NAME=value) are added.
RunResult run_miglint(const std::vector<std::string>& args, const std::filesystem::path& cwd = {},
                      const std::string& stdin_text = {}, const std::vector<std::string>& env = {});

/// Reads a whole file.
std::string read_file(const std::filesystem::path& path);

/// Writes a whole file, replacing it.
void write_file(const std::filesystem::path& path, const std::string& text);

/// The repository root (for fixtures and examples).
std::filesystem::path source_dir();

/// True when PostgreSQL's server programs can be found (see validate::find_postgres()).
bool have_postgres();

/// Skips a test that needs a PostgreSQL server when none is installed.
#define REQUIRE_POSTGRES() \
  if (!::miglint::test::have_postgres()) GTEST_SKIP() << "no PostgreSQL server programs (scripts/setup.sh installs them)"

}  // namespace miglint::test
