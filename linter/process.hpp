#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace miglint {

/// What a finished child process produced.
struct CommandResult {
  /// Exit status, or -1 when it did not exit normally.
  int exit_code = -1;
  /// Standard output.
  std::string out;
  /// Standard error.
  std::string err;
};

/// Runs `argv` (looked up on PATH, no shell involved) in `cwd`, feeding `input` on standard input
/// and capturing both outputs. `env` entries (NAME=value) are added to the environment, in place
/// of inherited ones of the same name. Throws Error when the program cannot be started.
CommandResult run_command(const std::vector<std::string>& argv, const std::filesystem::path& cwd = {},
                          const std::string& input = {}, const std::vector<std::string>& env = {});

}  // namespace miglint
