#pragma once

#include <stdexcept>
#include <string>

namespace miglint {

/// A problem with the run itself (bad flag, unreadable file, bad config), as opposed to a
/// problem in the user's SQL. Caught once in main, printed as `miglint: error: ...`, exit 2.
class Error : public std::runtime_error {
 public:
  /// Creates an error with a complete, user-facing message (no trailing newline).
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace miglint
