#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace miglint::validate {

/// When PostgreSQL's error `message` says that an extension is not installed on the server
/// (`extension "postgis" is not available`, or before PostgreSQL 15 `could not open extension
/// control file ".../postgis.control"`): what to do about it, naming the extension, the
/// Debian/Ubuntu package that provides it for `server_major` when miglint knows one, and
/// `--database-url` to a server that has it. Nothing for any other error.
std::optional<std::string> missing_extension_help(std::string_view message, int server_major);

/// What `--stub-extension NAME` puts in place of an extension the server lacks: only what can
/// stand in honestly, as SQL the server runs without the extension's files.
struct ExtensionStandIn {
  /// The extension's name, as CREATE EXTENSION names it.
  std::string_view name;
  /// What is created instead, and what the report says about it.
  std::string_view creates;
  /// SQL that creates the stand-in in schema public (idempotent), run as a superuser when a scratch
  /// database is created: a migration's CREATE EXTENSION then finds it in place.
  std::string_view create_sql;
  /// Words by which an error shows that a statement needs the real extension (its functions,
  /// operators, operator classes, index methods, schema).
  std::vector<std::string_view> needs;
};

/// The stand-in for `name`, or null when miglint has none.
const ExtensionStandIn* extension_stand_in(std::string_view name);

/// The extensions miglint can stand in for, comma-separated (for messages).
std::string stand_in_names();

}  // namespace miglint::validate
