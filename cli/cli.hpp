#pragma once

#include <iosfwd>

namespace miglint::cli {

/// Runs the command line and returns the exit code: 0 clean, 1 findings at or above
/// --fail-on, 2 usage/config/IO error. Errors are thrown as miglint::Error.
int run_cli(int argc, char** argv, std::istream& in, std::ostream& out);

}  // namespace miglint::cli
