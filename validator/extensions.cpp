#include "validator/extensions.hpp"

#include <fmt/format.h>

#include <array>
#include <regex>
#include <utility>

namespace miglint::validate {

namespace {

// Extensions that do not ship with the server, and the Debian/Ubuntu package (in the distribution
// and in apt.postgresql.org) that installs them; `{}` is the server's major version. The
// extensions of contrib (pgcrypto, uuid-ossp, hstore, citext, pg_trgm, ...) come with the server.
constexpr std::array<std::pair<std::string_view, std::string_view>, 17> kPackages{{
    {"postgis", "postgresql-{}-postgis-3"},
    {"postgis_topology", "postgresql-{}-postgis-3"},
    {"postgis_raster", "postgresql-{}-postgis-3"},
    {"postgis_tiger_geocoder", "postgresql-{}-postgis-3"},
    {"address_standardizer", "postgresql-{}-postgis-3"},
    {"vector", "postgresql-{}-pgvector"},
    {"pg_cron", "postgresql-{}-cron"},
    {"pg_partman", "postgresql-{}-partman"},
    {"pg_repack", "postgresql-{}-repack"},
    {"pgaudit", "postgresql-{}-pgaudit"},
    {"hypopg", "postgresql-{}-hypopg"},
    {"pgrouting", "postgresql-{}-pgrouting"},
    {"pgtap", "postgresql-{}-pgtap"},
    {"orafce", "postgresql-{}-orafce"},
    {"plpython3u", "postgresql-plpython3-{}"},
    {"plperl", "postgresql-plperl-{}"},
    {"pltcl", "postgresql-pltcl-{}"},
}};

std::optional<std::string> missing_extension(std::string_view message) {
  static const std::regex kNotAvailable(R"re(extension "([^"]+)" is not available)re");
  static const std::regex kNoControlFile(R"re(could not open extension control file "[^"]*/([^"/]+)\.control")re");
  const std::string text(message);
  std::smatch match;
  if (std::regex_search(text, match, kNotAvailable) || std::regex_search(text, match, kNoControlFile)) {
    return match[1].str();
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> missing_extension_help(std::string_view message, int server_major) {
  const std::optional<std::string> extension = missing_extension(message);
  if (!extension) return std::nullopt;
  std::string install = "no Debian/Ubuntu package for it is known to miglint: install it on this machine";
  for (const auto& [name, package] : kPackages) {
    if (name == *extension) {
      install = fmt::format("install it on this machine (Debian/Ubuntu: `apt-get install {}`)",
                            fmt::format(fmt::runtime(package), server_major));
    }
  }
  return fmt::format(
      "The migration needs the extension `{}`, which the PostgreSQL {} server miglint runs does not have: {}, or "
      "validate against a server that has it with `--database-url` (miglint works in a scratch database there and "
      "drops it afterwards).",
      *extension, server_major, install);
}

}  // namespace miglint::validate
