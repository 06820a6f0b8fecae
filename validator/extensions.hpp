#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace miglint::validate {

/// When PostgreSQL's error `message` says that an extension is not installed on the server
/// (`extension "postgis" is not available`, or before PostgreSQL 15 `could not open extension
/// control file ".../postgis.control"`): what to do about it, naming the extension, the
/// Debian/Ubuntu package that provides it for `server_major` when miglint knows one, and
/// `--database-url` to a server that has it. Nothing for any other error.
std::optional<std::string> missing_extension_help(std::string_view message, int server_major);

}  // namespace miglint::validate
