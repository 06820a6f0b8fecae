#include "validator/extensions.hpp"

#include <fmt/format.h>

#include <array>
#include <regex>
#include <vector>
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

// pgvector's types keep their type modifier (`vector(1536)`) and hold text: a base type built from
// the server's own text and varchar routines. The routines live in schema miglint_stub, which
// schema snapshots leave out.
constexpr std::string_view kVectorTypes = R"sql(
CREATE SCHEMA IF NOT EXISTS miglint_stub;
DO $stub$
DECLARE
  name text;
BEGIN
  FOREACH name IN ARRAY ARRAY['vector', 'halfvec', 'sparsevec'] LOOP
    IF to_regtype(format('%I.%I', 'public', name)) IS NULL THEN
      EXECUTE format('CREATE TYPE %I.%I', 'public', name);
      EXECUTE format('CREATE FUNCTION miglint_stub.%I(cstring) RETURNS %I.%I AS ''textin'' LANGUAGE internal IMMUTABLE STRICT', name || '_in', 'public', name);
      EXECUTE format('CREATE FUNCTION miglint_stub.%I(%I.%I) RETURNS cstring AS ''textout'' LANGUAGE internal IMMUTABLE STRICT', name || '_out', 'public', name);
      EXECUTE format('CREATE FUNCTION miglint_stub.%I(cstring[]) RETURNS integer AS ''varchartypmodin'' LANGUAGE internal IMMUTABLE STRICT', name || '_typmod_in');
      EXECUTE format('CREATE FUNCTION miglint_stub.%I(integer) RETURNS cstring AS ''varchartypmodout'' LANGUAGE internal IMMUTABLE STRICT', name || '_typmod_out');
      EXECUTE format('CREATE TYPE %I.%I (INPUT = miglint_stub.%I, OUTPUT = miglint_stub.%I, TYPMOD_IN = miglint_stub.%I, TYPMOD_OUT = miglint_stub.%I, INTERNALLENGTH = VARIABLE, STORAGE = extended)',
                     'public', name, name || '_in', name || '_out', name || '_typmod_in', name || '_typmod_out');
    END IF;
  END LOOP;
END
$stub$)sql";

const std::vector<ExtensionStandIn>& stand_ins() {
  static const std::vector<ExtensionStandIn> all = {
      {"vector",
       "its types vector, halfvec and sparsevec, which keep their dimensions (`vector(1536)`) but hold text and have "
       "none of pgvector's functions, operators or index methods",
       kVectorTypes,
       {"hnsw", "ivfflat", "vector_l2_ops", "vector_ip_ops", "vector_cosine_ops", "vector_l1_ops", "halfvec_", "sparsevec_",
        "bit_hamming_ops", "bit_jaccard_ops", "l2_distance", "cosine_distance", "inner_product", "l1_distance",
        "vector_dims", "vector_norm", "l2_normalize", "<->", "<=>", "<#>", "<+>", "vector", "halfvec", "sparsevec"}},
      {"pg_cron", "its schema cron, empty: cron.schedule() and the job tables do not exist",
       "CREATE SCHEMA IF NOT EXISTS cron",
       {"cron.schedule", "cron.unschedule", "cron.alter_job", "cron.job"}},
      // A hypertable is an ordinary table until create_hypertable() converts it, so the tables
      // stay honest; what TimescaleDB adds (chunks, compression, continuous aggregates, jobs) is
      // skipped.
      {"timescaledb",
       "nothing: tables stay plain tables; create_hypertable(), compression, continuous aggregates, policies and jobs "
       "are skipped",
       "SELECT 1",
       {"timescaledb", "create_hypertable", "hypertable", "time_bucket", "add_retention_policy", "remove_retention_policy",
        "add_compression_policy", "remove_compression_policy", "add_continuous_aggregate_policy",
        "remove_continuous_aggregate_policy", "add_reorder_policy", "add_dimension", "set_chunk_time_interval",
        "set_integer_now_func", "add_job", "alter_job", "delete_job", "compress_chunk", "drop_chunks", "show_chunks",
        "by_range", "by_hash"}},
      // pg_partman manages partitions of ordinary partitioned tables, which the migrations create
      // themselves; its schema is left to them (they usually create it before CREATE EXTENSION).
      {"pg_partman",
       "nothing: partitioned tables stay as the migrations create them; partman.create_parent() and partition "
       "maintenance are skipped",
       "SELECT 1",
       {"partman", "create_parent", "run_maintenance", "part_config", "undo_partition", "partition_data_"}},
  };
  return all;
}

}  // namespace

const ExtensionStandIn* extension_stand_in(std::string_view name) {
  for (const ExtensionStandIn& stand_in : stand_ins()) {
    if (stand_in.name == name) return &stand_in;
  }
  return nullptr;
}

std::string stand_in_names() {
  std::string out;
  for (const ExtensionStandIn& stand_in : stand_ins()) out += (out.empty() ? "" : ", ") + std::string(stand_in.name);
  return out;
}

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
