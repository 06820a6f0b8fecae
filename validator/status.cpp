#include "validator/status.hpp"

#include <fmt/format.h>
#include <zlib.h>

#include <functional>
#include <map>

#include "linter/sha256.hpp"
#include "linter/discover.hpp"
#include "linter/error.hpp"
#include "validator/pq.hpp"

namespace miglint::validate {

namespace fs = std::filesystem;

std::string_view to_string(MigrationState state) {
  switch (state) {
    case MigrationState::applied: return "applied";
    case MigrationState::pending: return "pending";
    case MigrationState::missing_file: return "missing-file";
    case MigrationState::edited: return "edited";
    case MigrationState::dirty: return "dirty";
    case MigrationState::skipped: return "skipped";
  }
  return "pending";
}

int32_t flyway_checksum(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  // Flyway feeds each line to the CRC without its terminator, so the CRC runs over every byte
  // that is not a line break.
  uLong crc = crc32(0L, Z_NULL, 0);
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find_first_of("\r\n", start);
    if (end == std::string_view::npos) end = text.size();
    crc = crc32(crc, reinterpret_cast<const Bytef*>(text.data() + start), static_cast<uInt>(end - start));
    start = end + 1;
  }
  return static_cast<int32_t>(static_cast<uint32_t>(crc));
}

namespace {

bool table_exists(PGconn* conn, const std::string& table) {
  return rows(conn, fmt::format("SELECT to_regclass('{}') IS NOT NULL", table)).at(0).at(0) == "t";
}

bool column_exists(PGconn* conn, const std::string& table, const std::string& column) {
  return rows(conn, fmt::format("SELECT count(*) FROM pg_attribute WHERE attrelid = to_regclass('{}') AND attname = '{}' "
                                "AND NOT attisdropped",
                                table, column))
             .at(0)
             .at(0) != "0";
}

std::string up_text(const MigrationSet& set, const Migration& m) {
  return std::string(set.files[m.up->file]->slice(m.up->section));
}

// The up file, relative to the set's root (`20240101000000_init/migration.sql` for Prisma).
std::string file_name(const MigrationSet& set, const Migration& m) {
  return m.up ? relative_path(set.root, set.files[m.up->file]->path()) : m.name;
}

// Versioned runners: one history row per applied version.
struct Recorded {
  std::string checksum;  // empty when the runner keeps none
  bool ok = true;
  std::string name;
};

StatusReport compare(const MigrationSet& set, std::string table, std::map<std::string, Recorded> recorded,
                     const std::function<std::string(const Migration&)>& checksum_of) {
  StatusReport report{std::move(table), {}};
  for (const Migration& m : set.migrations) {
    if (!m.up) continue;
    const std::string key = m.repeatable ? m.name : recorded_key(set.layout, m);
    MigrationStatus status{m.version, file_name(set, m), MigrationState::pending, ""};
    const auto found = recorded.find(key);
    if (found != recorded.end()) {
      const std::string now = checksum_of ? checksum_of(m) : std::string();
      if (!found->second.ok) {
        status.state = MigrationState::dirty;
        status.detail = "recorded as failed or unfinished";
      } else if (!found->second.checksum.empty() && !now.empty() && now != found->second.checksum) {
        status.state = MigrationState::edited;
        status.detail = fmt::format("recorded checksum {}, file now {}", found->second.checksum, now);
      } else {
        status.state = MigrationState::applied;
      }
      recorded.erase(found);
    }
    report.migrations.push_back(std::move(status));
  }
  for (const auto& [key, entry] : recorded) {
    report.migrations.push_back({key, entry.name, MigrationState::missing_file, "recorded as applied, but no file has this version"});
  }
  return report;
}

StatusReport flyway(PGconn* conn, const MigrationSet& set) {
  std::map<std::string, Recorded> recorded;
  for (const auto& row : rows(conn, "SELECT COALESCE(version, description), COALESCE(checksum::text, ''), success, script "
                                    "FROM flyway_schema_history WHERE type <> 'SCHEMA' ORDER BY installed_rank")) {
    const std::string key = row[0].find('.') != std::string::npos || std::isdigit(static_cast<unsigned char>(row[0][0]))
                                ? canonical_version(row[0])
                                : row[0];
    recorded[key] = {row[1], row[2] == "t", row[3]};
  }
  return compare(set, "flyway_schema_history", std::move(recorded),
                 [&](const Migration& m) { return std::to_string(flyway_checksum(up_text(set, m))); });
}

StatusReport prisma(PGconn* conn, const MigrationSet& set) {
  std::map<std::string, Recorded> recorded;
  for (const auto& row : rows(conn, "SELECT migration_name, checksum, finished_at IS NOT NULL AND rolled_back_at IS NULL "
                                    "FROM _prisma_migrations ORDER BY started_at")) {
    recorded[row[0]] = {row[1], row[2] == "t", row[0]};  // the folder's name, as compare() keys Prisma's
  }
  return compare(set, "_prisma_migrations", std::move(recorded), [&](const Migration& m) { return sha256_hex(up_text(set, m)); });
}

// drizzle records the SHA-256 of each file it applied and the journal's `when` as created_at.
// A migration that is not after the newest recorded one is never applied: the migrator skips it.
StatusReport drizzle(PGconn* conn, const MigrationSet& set) {
  std::map<std::string, Recorded> recorded;
  std::string newest;
  for (const auto& row : rows(conn, "SELECT created_at::text, hash FROM drizzle.__drizzle_migrations "
                                    "WHERE created_at IS NOT NULL ORDER BY created_at")) {
    recorded[canonical_version(row[0])] = {row[1], true, row[0]};
    newest = row[0];
  }
  StatusReport report = compare(set, "drizzle.__drizzle_migrations", std::move(recorded),
                                [&](const Migration& m) { return sha256_hex(up_text(set, m)); });
  for (MigrationStatus& status : report.migrations) {
    if (status.state == MigrationState::pending && !newest.empty() && !numeric_version_order({newest, {}}, {status.version, {}})) {
      status.state = MigrationState::skipped;
      status.detail = fmt::format("its journal `when` is not after the newest applied ({}): drizzle's migrator skips it",
                                  newest);
    }
  }
  return report;
}

// golang-migrate keeps only the current version and a dirty flag.
StatusReport golang_migrate(PGconn* conn, const MigrationSet& set) {
  const auto current = rows(conn, "SELECT version::text, dirty FROM schema_migrations LIMIT 1");
  std::map<std::string, Recorded> recorded;
  if (!current.empty()) {
    const std::string version = current[0][0];
    for (const Migration& m : set.migrations) {
      if (!numeric_version_order({version, {}}, {m.version, {}})) recorded[version_key(set.layout, m.version)] = {"", true, m.name};
    }
    // The table keeps the version as a number: the file it names may write it with leading zeros
    // (which an old dbmate, sharing this table, keeps in its versions).
    std::string current_key = canonical_version(version);
    for (const Migration& m : set.migrations) {
      if (canonical_version(m.version) == current_key) current_key = version_key(set.layout, m.version);
    }
    recorded[current_key] = {"", current[0][1] != "t", version};
  }
  return compare(set, "schema_migrations", std::move(recorded), {});
}

StatusReport simple_versions(PGconn* conn, const MigrationSet& set, const std::string& table, const std::string& query) {
  std::map<std::string, Recorded> recorded;
  for (const auto& row : rows(conn, query)) {
    recorded[version_key(set.layout, row[0])] = {"", row.size() < 2 || row[1] == "t", row[0]};
  }
  return compare(set, table, std::move(recorded), {});
}

}  // namespace

StatusReport read_status(const MigrationSet& set, const std::string& database_url) {
  const Connection conn = connect(database_url);
  exec(conn.get(), "SET default_transaction_read_only = on");
  const LayoutInfo& layout = layout_info(set.layout);
  const std::string table(layout.history_table);
  if (table.empty()) {
    throw Error(fmt::format("miglint status does not know the history table of the {} layout", layout.name));
  }
  if (!table_exists(conn.get(), table)) {
    throw Error(fmt::format("no {} table in this database: {} has not migrated it yet (or uses another schema)", table,
                            layout.name));
  }
  switch (layout.id) {
    case LayoutId::flyway: return flyway(conn.get(), set);
    case LayoutId::prisma: return prisma(conn.get(), set);
    case LayoutId::drizzle: return drizzle(conn.get(), set);
    case LayoutId::golang_migrate: return golang_migrate(conn.get(), set);
    case LayoutId::goose:
      // goose records every up and down; a version is applied when its latest row says so.
      return simple_versions(conn.get(), set, table,
                             "SELECT DISTINCT ON (version_id) version_id::text, is_applied FROM goose_db_version "
                             "WHERE version_id > 0 ORDER BY version_id, id DESC");
    case LayoutId::dbmate:
      // Older dbmate versions shared golang-migrate's table, dirty flag included.
      if (column_exists(conn.get(), table, "dirty")) return golang_migrate(conn.get(), set);
      return simple_versions(conn.get(), set, table, "SELECT version FROM schema_migrations");
    default: return simple_versions(conn.get(), set, table, "SELECT version FROM " + table);
  }
}

}  // namespace miglint::validate
