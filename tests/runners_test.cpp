// miglint's executor beside the real runners from npm (tools/, installed by scripts/setup.sh), on
// the same fixtures: the schema the real runner builds is the one `miglint schema` builds, and
// what fails for the runner fails for `miglint validate`, at the same migration.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "linter/error.hpp"
#include "linter/process.hpp"
#include "tests/test_support.hpp"
#include "validator/pq.hpp"
#include "validator/snapshot.hpp"
#include "validator/temp_cluster.hpp"

namespace miglint::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

fs::path runner(const std::string& name) {
  const fs::path modules = source_dir() / "tools" / "node_modules";
  return name == "dbmate" ? modules / "@dbmate" / "linux-x64" / "bin" / "dbmate" : modules / ".bin" / name;
}

// scripts/test.sh sets MIGLINT_REQUIRE_RUNNERS, so a missing install fails there instead of
// skipping.
#define REQUIRE_RUNNERS()                                                                                    \
  if (!fs::exists(runner("dbmate")) || !fs::exists(runner("node-pg-migrate")) ||                            \
      !fs::exists(source_dir() / "tools" / "node_modules" / "drizzle-orm") ||                                \
      !fs::exists(source_dir() / "tools" / "node_modules" / "@prisma" / "schema-engine-wasm")) {               \
    if (std::getenv("MIGLINT_REQUIRE_RUNNERS") != nullptr) FAIL() << "run scripts/setup.sh: tools/ is not installed"; \
    GTEST_SKIP() << "the real runners are not installed (scripts/setup.sh installs them into tools/)";     \
  }

// A private server for the real runner, with one database per test.
class RealServer {
 public:
  RealServer() : cluster_(validate::find_postgres(std::nullopt)) {
    const validate::Connection admin = validate::connect(cluster_.conninfo("postgres", validate::TempCluster::kSuperuser));
    validate::exec(admin.get(), "CREATE DATABASE real");
  }
  std::string node_url() const { return "postgresql://miglint@localhost/real?host=" + cluster_.directory().string(); }
  std::string dbmate_url() const {
    return "postgres://miglint@/real?sslmode=disable&socket=" + cluster_.directory().string();
  }
  // The schema the runner built, without its history table.
  validate::Snapshot schema(const std::string& history_table) const {
    const validate::Connection conn = validate::connect(cluster_.conninfo("real", validate::TempCluster::kSuperuser));
    validate::Snapshot snapshot = validate::take_snapshot(conn.get(), validate::Strictness::normal);
    std::erase_if(snapshot, [&](const auto& entry) { return entry.first.find(history_table) != std::string::npos; });
    return snapshot;
  }

 private:
  validate::TempCluster cluster_;
};

validate::Snapshot miglint_schema(const fs::path& dir) {
  const RunResult run = run_miglint({"schema", dir.string()});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  if (run.exit_code != 0) return {};
  return json::parse(run.out).at("objects").get<validate::Snapshot>();
}

std::vector<std::string> validate_findings(const fs::path& dir, const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args = {"validate", "--format", "json", dir.string()};
  args.insert(args.end(), extra.begin(), extra.end());
  const RunResult run = run_miglint(args);
  std::vector<std::string> out;
  const json report = json::parse(run.out);
  for (const json& d : report["diagnostics"]) {
    out.push_back(fs::path(d["file"].get<std::string>()).filename().string() + " " + d["rule"].get<std::string>() + ": " +
                  d["message"].get<std::string>() + " / " + d["help"].get<std::string>());
  }
  return out;
}

TEST(RealRunners, NodePgMigrateBuildsTheSameSchemaAndRollsBackTheWholeRun) {
  REQUIRE_RUNNERS();
  const TempDir dir;
  dir.write("migrations/1700000000000_users.sql",
            "-- Up Migration\nCREATE TABLE users (id bigint PRIMARY KEY, email text);\n-- Down Migration\nDROP TABLE users;\n");
  dir.write("migrations/1700000000001_index.sql",
            "-- Up Migration\nCREATE INDEX users_email_idx ON users (email);\nALTER TABLE users ADD COLUMN name text;\n"
            "-- Down Migration\nALTER TABLE users DROP COLUMN name;\nDROP INDEX users_email_idx;\n");
  {
    const RealServer server;
    const CommandResult real = run_command({runner("node-pg-migrate").string(), "up", "-m", "migrations"}, dir.path(), {},
                                           {"DATABASE_URL=" + server.node_url()});
    ASSERT_EQ(real.exit_code, 0) << real.out << real.err;
    EXPECT_EQ(server.schema("pgmigrations"), miglint_schema(dir.path() / "migrations"));
  }
  // CONCURRENTLY cannot run in node-pg-migrate's run transaction: the run fails and nothing of it
  // stays applied, for the real runner and for miglint.
  dir.write("migrations/1700000000002_concurrently.sql",
            "-- Up Migration\nCREATE INDEX CONCURRENTLY users_name_idx ON users (name);\n"
            "-- Down Migration\nDROP INDEX users_name_idx;\n");
  const RealServer server;
  const CommandResult real = run_command({runner("node-pg-migrate").string(), "up", "-m", "migrations"}, dir.path(), {},
                                         {"DATABASE_URL=" + server.node_url()});
  EXPECT_NE(real.exit_code, 0) << real.out;
  EXPECT_NE((real.out + real.err).find("cannot run inside a transaction block"), std::string::npos) << real.out << real.err;
  EXPECT_FALSE(server.schema("pgmigrations").contains("table public.users")) << "node-pg-migrate rolled the whole run back";
  const std::vector<std::string> found = validate_findings(dir.path() / "migrations");
  ASSERT_EQ(found.size(), 1U) << ::testing::PrintToString(found);
  EXPECT_NE(found[0].find("1700000000002_concurrently.sql migration-failed"), std::string::npos) << found[0];
  EXPECT_NE(found[0].find("cannot run inside a transaction block"), std::string::npos) << found[0];
  EXPECT_NE(found[0].find("the whole run is rolled back"), std::string::npos) << found[0];
}

TEST(RealRunners, DbmateBuildsTheSameSchemaAndFailsWhereItFails) {
  REQUIRE_RUNNERS();
  const TempDir dir;
  dir.write("migrations/20230101000000_users.sql",
            "-- migrate:up\nCREATE TABLE users (id bigint PRIMARY KEY, email text);\n-- migrate:down\nDROP TABLE users;\n");
  dir.write("migrations/20230102000000_index.sql",
            "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n"
            "-- migrate:down\nDROP INDEX users_email_idx;\n");
  const std::vector<std::string> dbmate = {runner("dbmate").string(), "--migrations-dir", "migrations", "--no-dump-schema"};
  {
    const RealServer server;
    std::vector<std::string> up = dbmate;
    up.insert(up.begin() + 1, {"--url", server.dbmate_url()});
    up.push_back("up");
    const CommandResult real = run_command(up, dir.path());
    ASSERT_EQ(real.exit_code, 0) << real.out << real.err;
    EXPECT_EQ(server.schema("schema_migrations"), miglint_schema(dir.path() / "migrations"));
  }
  // Without `transaction:false`, dbmate runs the migration in a transaction and CONCURRENTLY fails.
  dir.write("migrations/20230102000000_index.sql",
            "-- migrate:up\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n"
            "-- migrate:down\nDROP INDEX users_email_idx;\n");
  const RealServer server;
  std::vector<std::string> up = dbmate;
  up.insert(up.begin() + 1, {"--url", server.dbmate_url()});
  up.push_back("up");
  const CommandResult real = run_command(up, dir.path());
  EXPECT_NE(real.exit_code, 0);
  EXPECT_NE((real.out + real.err).find("cannot run inside a transaction block"), std::string::npos) << real.out << real.err;
  const std::vector<std::string> found = validate_findings(dir.path() / "migrations");
  ASSERT_EQ(found.size(), 1U) << ::testing::PrintToString(found);
  EXPECT_NE(found[0].find("20230102000000_index.sql migration-failed"), std::string::npos) << found[0];
}

// dbmate sends a section as one query inside its transaction. After the file's own COMMIT, the
// rest of that query runs in an implicit transaction, where CONCURRENTLY fails; and dbmate's own
// COMMIT then finds the transaction over and fails, after the migration was applied and recorded.
// validate and lint say what the real dbmate does.
TEST(RealRunners, DbmateAfterTheFilesOwnCommit) {
  REQUIRE_RUNNERS();
  const TempDir dir;
  dir.write("migrations/20230101000000_users.sql",
            "-- migrate:up\nBEGIN;\nCREATE TABLE users (id bigint PRIMARY KEY, email text);\nCOMMIT;\n"
            "-- migrate:down\nDROP TABLE users;\n");
  const RealServer server;
  std::vector<std::string> up = {runner("dbmate").string(), "--url", server.dbmate_url(), "--migrations-dir", "migrations",
                                 "--no-dump-schema", "up"};
  const CommandResult first = run_command(up, dir.path());
  EXPECT_NE(first.exit_code, 0) << first.out << first.err;
  EXPECT_NE((first.out + first.err).find("unexpected transaction status idle"), std::string::npos) << first.out << first.err;
  EXPECT_TRUE(server.schema("schema_migrations").contains("table public.users")) << "applied all the same";
  const RunResult lint = run_miglint({"lint", "--format", "json", "migrations"}, dir.path());
  EXPECT_NE(lint.out.find("`dbmate up` exits with an error after applying and recording this migration"), std::string::npos)
      << lint.out;

  dir.write("migrations/20230102000000_index.sql",
            "-- migrate:up\nALTER TABLE users ADD COLUMN name text;\nCOMMIT;\n"
            "CREATE INDEX CONCURRENTLY users_name_idx ON users (name);\n-- migrate:down\nDROP INDEX users_name_idx;\n");
  const CommandResult second = run_command(up, dir.path());
  EXPECT_NE(second.exit_code, 0) << second.out << second.err;
  const validate::Snapshot real = server.schema("schema_migrations");
  EXPECT_TRUE(real.contains("column public.users.name")) << "committed before the index";
  EXPECT_FALSE(real.contains("index public.users_name_idx")) << "CONCURRENTLY failed in the rest of the query";
  const std::vector<std::string> found = validate_findings(dir.path() / "migrations");
  ASSERT_EQ(found.size(), 1U) << ::testing::PrintToString(found);
  EXPECT_NE(found[0].find("20230102000000_index.sql migration-failed"), std::string::npos) << found[0];
  EXPECT_NE(found[0].find("CREATE INDEX CONCURRENTLY cannot run inside a transaction block"), std::string::npos) << found[0];
}

// ---- drizzle ---------------------------------------------------------------------------------

// The fixture drizzle-kit generated (tests/drizzle/generate.sh), copied where a test may change it.
fs::path drizzle_fixture(const TempDir& dir) {
  const fs::path folder = dir.path() / "drizzle";
  fs::copy(source_dir() / "tests" / "drizzle" / "migrations", folder, fs::copy_options::recursive);
  return folder;
}

// drizzle-orm's own migrator on `folder` (tests/drizzle/migrate.cjs).
CommandResult drizzle_migrate(const RealServer& server, const fs::path& folder) {
  return run_command({"node", (source_dir() / "tests" / "drizzle" / "migrate.cjs").string(), folder.string()}, {}, {},
                     {"DATABASE_URL=" + server.node_url(), "NODE_PATH=" + (source_dir() / "tools" / "node_modules").string()});
}

// Adds a migration to the journal, with its `when`, as `drizzle-kit generate --custom` would.
void add_drizzle_migration(const fs::path& folder, const std::string& tag, long long when, const std::string& sql) {
  write_file(folder / (tag + ".sql"), sql);
  json journal = json::parse(read_file(folder / "meta" / "_journal.json"));
  journal["entries"].push_back({{"idx", journal["entries"].size()}, {"version", "7"}, {"when", when}, {"tag", tag}, {"breakpoints", true}});
  write_file(folder / "meta" / "_journal.json", journal.dump(2));
}

long long drizzle_when(const fs::path& folder, size_t entry) {
  return json::parse(read_file(folder / "meta" / "_journal.json"))["entries"][entry]["when"].get<long long>();
}

std::map<std::string, std::string> status_states(const RealServer& server, const fs::path& folder, int* exit_code) {
  const RunResult run = run_miglint({"status", "--format", "json", "--database-url", server.node_url(), folder.string()});
  *exit_code = run.exit_code;
  const json report = json::parse(run.out);
  std::map<std::string, std::string> states;
  for (const json& m : report["migrations"]) states[m["name"].get<std::string>()] = m["state"].get<std::string>();
  return states;
}

TEST(RealRunners, DrizzleMigratorBuildsTheSameSchemaStatusReadsItsTableAndAnOlderWhenIsSkipped) {
  REQUIRE_RUNNERS();
  const TempDir dir;
  const fs::path folder = drizzle_fixture(dir);
  const RealServer server;
  const CommandResult real = drizzle_migrate(server, folder);
  ASSERT_EQ(real.exit_code, 0) << real.out << real.err;
  EXPECT_EQ(server.schema("drizzle"), miglint_schema(folder));

  int exit_code = -1;
  std::map<std::string, std::string> states = status_states(server, folder, &exit_code);
  EXPECT_EQ(exit_code, 0);
  EXPECT_EQ(states, (std::map<std::string, std::string>{{"0000_init.sql", "applied"},
                                                          {"0001_posts_published.sql", "applied"},
                                                          {"0002_backfill_published.sql", "applied"}}));
  // drizzle's hash is the SHA-256 of the whole file: an edit shows.
  const std::string backfill = read_file(folder / "0002_backfill_published.sql");
  write_file(folder / "0002_backfill_published.sql", backfill + "-- edited\n");
  EXPECT_EQ(status_states(server, folder, &exit_code)["0002_backfill_published.sql"], "edited");
  EXPECT_EQ(exit_code, 1);
  write_file(folder / "0002_backfill_published.sql", backfill);

  // A migration merged with a `when` older than the newest applied one: the real migrator skips it
  // without a word, miglint lint says so before the merge, and status shows it skipped.
  add_drizzle_migration(folder, "0003_late", drizzle_when(folder, 0) + 1, "CREATE TABLE \"late\" (\"id\" integer);\n");
  const RunResult lint = run_miglint({"lint", "--format", "json", folder.string()});
  const json report = json::parse(lint.out);
  bool reported = false;
  for (const json& d : report["diagnostics"]) {
    if (d["rule"] == "ban-out-of-order-migration") {
      reported = true;
      EXPECT_NE(d["file"].get<std::string>().find("0003_late.sql"), std::string::npos) << d.dump();
      EXPECT_NE(d["message"].get<std::string>().find("skips this one on every database past 0002_backfill_published"),
                std::string::npos)
          << d.dump();
    }
  }
  EXPECT_TRUE(reported) << lint.out;
  const CommandResult again = drizzle_migrate(server, folder);
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_FALSE(server.schema("drizzle").contains("table public.late")) << "drizzle's migrator skipped it";
  states = status_states(server, folder, &exit_code);
  EXPECT_EQ(states["0003_late.sql"], "skipped");
  EXPECT_EQ(exit_code, 1);
}

TEST(RealRunners, DrizzleRunsEveryPendingMigrationInOneTransaction) {
  REQUIRE_RUNNERS();
  const TempDir dir;
  const fs::path folder = drizzle_fixture(dir);
  add_drizzle_migration(folder, "0003_role_index", drizzle_when(folder, 2) + 1000,
                        "CREATE INDEX CONCURRENTLY \"users_role_idx\" ON \"users\" (\"role\");\n");
  const RealServer server;
  const CommandResult real = drizzle_migrate(server, folder);
  EXPECT_NE(real.exit_code, 0) << real.out;
  EXPECT_NE((real.out + real.err).find("cannot run inside a transaction block"), std::string::npos) << real.out << real.err;
  EXPECT_FALSE(server.schema("drizzle").contains("table public.users")) << "drizzle rolled the whole run back";

  const RunResult lint = run_miglint({"lint", "--format", "json", folder.string()});
  const json report = json::parse(lint.out);
  std::vector<std::string> rules;
  for (const json& d : report["diagnostics"]) {
    if (d["file"].get<std::string>().find("0003_role_index.sql") != std::string::npos) rules.push_back(d["rule"]);
  }
  EXPECT_NE(std::find(rules.begin(), rules.end(), "ban-concurrent-index-creation-in-transaction"), rules.end())
      << lint.out;
  const std::vector<std::string> found = validate_findings(folder);
  ASSERT_EQ(found.size(), 1U) << ::testing::PrintToString(found);
  EXPECT_NE(found[0].find("0003_role_index.sql migration-failed"), std::string::npos) << found[0];
  EXPECT_NE(found[0].find("cannot run inside a transaction block"), std::string::npos) << found[0];
}

// ---- Prisma ----------------------------------------------------------------------------------

// The SQL Prisma Migrate writes for the schema files, from Prisma's own schema engine
// (tests/prisma/prisma-sql.mjs).
std::string prisma_sql(const RealServer& server, const std::vector<fs::path>& schema_files) {
  std::vector<std::string> args = {"node", "--no-warnings", "--experimental-wasm-modules",
                                   (source_dir() / "tests" / "prisma" / "prisma-sql.mjs").string()};
  for (const fs::path& file : schema_files) args.push_back(file.string());
  const CommandResult run = run_command(args, {}, {}, {"DATABASE_URL=" + server.node_url()});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  return run.out;
}

// The migration Prisma Migrate would write for tests/prisma (a multi-file schema with enums and
// @map, list and dbgenerated defaults, native types, Unsupported, GIN/ops/sort indexes, composite
// keys, referential actions, declared extensions) builds exactly what miglint reads the schema
// to mean; a changed default is drift.
TEST(RealRunners, PrismaSchemaEngineSqlMatchesTheModelMiglintReads) {
  REQUIRE_RUNNERS();
  const TempDir dir;
  fs::copy(source_dir() / "tests" / "prisma", dir.path() / "prisma", fs::copy_options::recursive);
  const std::vector<fs::path> files = {dir.path() / "prisma" / "schema.prisma", dir.path() / "prisma" / "blog" / "post.prisma"};
  std::string sql;
  {
    const RealServer server;
    sql = prisma_sql(server, files);
  }
  ASSERT_NE(sql.find("CREATE TABLE \"users\""), std::string::npos) << sql;
  dir.write("migrations/migration_lock.toml", "provider = \"postgresql\"\n");
  dir.write("migrations/20240101000000_init/migration.sql", sql);
  const RunResult clean = run_miglint({"validate", "--format", "json", "migrations", "--models", "prisma"}, dir.path());
  EXPECT_EQ(clean.exit_code, 0) << clean.out << clean.err << sql;
  EXPECT_TRUE(json::parse(clean.out)["diagnostics"].empty()) << clean.out;

  std::string schema = read_file(files[0]);
  schema.replace(schema.find("@default(true)"), 14, "@default(false)");
  write_file(files[0], schema);
  const std::vector<std::string> found =
      validate_findings(dir.path() / "migrations", {"--models", (dir.path() / "prisma").string()});
  ASSERT_EQ(found.size(), 1U) << ::testing::PrintToString(found);
  EXPECT_NE(found[0].find("column public.users.active"), std::string::npos) << found[0];
}

// multiSchema (tests/prisma-multischema): tables and enums in the datasource's schemas, a
// relation and an enum list default across them, as Prisma's engine writes them.
TEST(RealRunners, PrismaSchemaEngineSqlMatchesAMultiSchemaModel) {
  REQUIRE_RUNNERS();
  const TempDir dir;
  const fs::path schema = source_dir() / "tests" / "prisma-multischema" / "schema.prisma";
  std::string sql;
  {
    const RealServer server;
    sql = prisma_sql(server, {schema});
  }
  ASSERT_NE(sql.find("CREATE TABLE \"base\".\"users\""), std::string::npos) << sql;
  dir.write("migrations/migration_lock.toml", "provider = \"postgresql\"\n");
  dir.write("migrations/20240101000000_init/migration.sql", sql);
  const RunResult clean = run_miglint({"validate", "--format", "json", "migrations", "--models", schema.string()}, dir.path());
  EXPECT_EQ(clean.exit_code, 0) << clean.out << clean.err << sql;
  EXPECT_TRUE(json::parse(clean.out)["diagnostics"].empty()) << clean.out << sql;
}

}  // namespace
}  // namespace miglint::test
