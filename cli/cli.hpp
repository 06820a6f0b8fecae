#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace miglint::cli {

/// Runs the command line and returns the exit code: 0 clean, 1 findings at or above
/// --fail-on, 2 usage/config/IO error. Errors are thrown as miglint::Error.
int run_cli(int argc, char** argv, std::istream& in, std::ostream& out);

/// The text of `miglint --help`.
std::string_view usage_text();

/// Every command's name, in the order `miglint --help` lists them.
std::vector<std::string_view> command_names();

/// The text of `miglint COMMAND --help`: what completions and the man page are made from.
std::string command_help(std::string_view command);

}  // namespace miglint::cli
