#include <gtest/gtest.h>

#include "linter/error.hpp"
#include "linter/migration_set.hpp"
#include "tests/test_support.hpp"

namespace miglint {
namespace {

namespace fs = std::filesystem;

MigrationSet load(const test::TempDir& dir, const std::optional<std::string>& layout = std::nullopt) {
  return load_migration_directory(dir.path().string(), {}, layout ? std::optional(find_layout(*layout)->id) : std::nullopt);
}

std::string error_of(const test::TempDir& dir) {
  try {
    load(dir);
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

std::string file_of(const MigrationSet& set, const std::optional<Script>& script) {
  return script ? fs::path(set.files[script->file]->path()).lexically_relative(set.root).generic_string() : "-";
}

std::string section_text(const MigrationSet& set, const Script& script) {
  return std::string(set.files[script.file]->slice(script.section));
}

TEST(Layouts, Flyway) {
  const test::TempDir dir;
  dir.write("V1__init.sql", "CREATE TABLE a (id int);");
  dir.write("V1_10__later.sql", "SELECT 1;");
  dir.write("V1_2__second.sql", "SELECT 1;");
  dir.write("U1_2__second.sql", "SELECT 1;");
  dir.write("sub/R__view.sql", "CREATE OR REPLACE VIEW v AS SELECT 1;");
  dir.write("notes.md", "ignored");
  const MigrationSet set = load(dir);
  EXPECT_EQ(to_string(set.layout), "flyway");
  ASSERT_EQ(set.migrations.size(), 4U);
  EXPECT_EQ(set.migrations[0].version, "1");
  EXPECT_EQ(set.migrations[1].version, "1.2");
  EXPECT_EQ(set.migrations[1].name, "second");
  EXPECT_EQ(file_of(set, set.migrations[1].down), "U1_2__second.sql");
  EXPECT_EQ(set.migrations[2].version, "1.10");
  EXPECT_TRUE(set.migrations[3].repeatable);
  EXPECT_EQ(set.migrations[3].transaction, TransactionMode::flyway_auto);
}

TEST(Layouts, GolangMigratePairsByNumber) {
  const test::TempDir dir;
  dir.write("1_init.up.sql", "CREATE TABLE a (id int);");
  dir.write("1_init.down.sql", "DROP TABLE a;");
  dir.write("10_ten.up.sql", "SELECT 1;");
  dir.write("2_two.up.sql", "SELECT 1;");
  dir.write("2_different_name.down.sql", "SELECT 1;");
  const MigrationSet set = load(dir);
  EXPECT_EQ(to_string(set.layout), "golang-migrate");
  ASSERT_EQ(set.migrations.size(), 3U);
  EXPECT_EQ(set.migrations[1].version, "2");
  EXPECT_EQ(set.migrations[1].name, "two");
  EXPECT_EQ(file_of(set, set.migrations[1].down), "2_different_name.down.sql");
  EXPECT_EQ(set.migrations[2].version, "10");
  EXPECT_FALSE(set.migrations[2].down.has_value());
  EXPECT_EQ(set.migrations[0].transaction, TransactionMode::implicit_when_multi_statement);
}

TEST(Layouts, GooseSectionsAndNoTransaction) {
  const test::TempDir dir;
  dir.write("20240101000000_init.sql",
            "-- +goose Up\n-- +goose StatementBegin\nCREATE TABLE a (id int);\n-- +goose StatementEnd\n"
            "-- +goose Down\nDROP TABLE a;\n");
  dir.write("20240102000000_index.sql", "-- +goose NO TRANSACTION\n-- +goose Up\nCREATE INDEX CONCURRENTLY i ON a (id);\n");
  dir.write("20240103000000_backfill.go", "package migrations");
  const MigrationSet set = load(dir);
  EXPECT_EQ(to_string(set.layout), "goose");
  ASSERT_EQ(set.migrations.size(), 2U);
  // goose sends each statement on its own inside its transaction.
  EXPECT_EQ(set.migrations[0].transaction, TransactionMode::wrapped_each_statement);
  EXPECT_EQ(section_text(set, *set.migrations[0].down), "-- +goose Down\nDROP TABLE a;\n");
  EXPECT_EQ(section_text(set, *set.migrations[0].up).find("DROP"), std::string::npos);
  EXPECT_EQ(set.migrations[1].transaction, TransactionMode::none);
  EXPECT_FALSE(set.migrations[1].down.has_value());
}

TEST(Layouts, DbmateTransactionOption) {
  const test::TempDir dir;
  dir.write("20220101_a.sql", "-- migrate:up\nCREATE TABLE a (id int);\n-- migrate:down\n");
  dir.write("20220102_b.sql", "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON a (id);\n-- migrate:down\nDROP INDEX i;\n");
  const MigrationSet set = load(dir);
  EXPECT_EQ(to_string(set.layout), "dbmate");
  ASSERT_EQ(set.migrations.size(), 2U);
  EXPECT_EQ(set.migrations[0].transaction, TransactionMode::wrapped);
  EXPECT_EQ(set.migrations[1].transaction, TransactionMode::none);
  EXPECT_EQ(section_text(set, *set.migrations[0].down), "-- migrate:down\n");
}

TEST(Layouts, DieselMetadata) {
  const test::TempDir dir;
  dir.write("2023-01-01-000000_create_users/up.sql", "CREATE TABLE users (id int);");
  dir.write("2023-01-01-000000_create_users/down.sql", "DROP TABLE users;");
  dir.write("2023-02-01-000000_index/up.sql", "CREATE INDEX CONCURRENTLY i ON users (id);");
  dir.write("2023-02-01-000000_index/metadata.toml", "run_in_transaction = false\n");
  const MigrationSet set = load(dir);
  EXPECT_EQ(to_string(set.layout), "diesel");
  ASSERT_EQ(set.migrations.size(), 2U);
  EXPECT_EQ(set.migrations[0].version, "20230101000000");
  EXPECT_EQ(set.migrations[0].name, "create_users");
  EXPECT_TRUE(set.migrations[0].down.has_value());
  EXPECT_EQ(set.migrations[1].transaction, TransactionMode::none);
  dir.write("2023-02-01-000000_index/metadata.toml", "run_in_transaction = = false\n");
  EXPECT_TRUE(error_of(dir).find("metadata.toml:1:") != std::string::npos) << error_of(dir);
}

TEST(Layouts, PrismaAndItsProvider) {
  const test::TempDir dir;
  dir.write("migration_lock.toml", "provider = \"postgresql\"\n");
  dir.write("20230101000000_init/migration.sql", "CREATE TABLE a (id int);");
  dir.write("20230201000000_more/migration.sql", "SELECT 1;");
  const MigrationSet set = load(dir);
  EXPECT_EQ(to_string(set.layout), "prisma");
  ASSERT_EQ(set.migrations.size(), 2U);
  EXPECT_EQ(set.migrations[1].name, "more");
  EXPECT_FALSE(set.layout_has_downs);
  dir.write("migration_lock.toml", "provider = \"mysql\"\n");
  EXPECT_NE(error_of(dir).find("provider is \"mysql\""), std::string::npos) << error_of(dir);
}

TEST(Layouts, SqitchPlanOrder) {
  const test::TempDir dir;
  dir.write("sqitch.plan",
            "%syntax-version=1.0.0\n%project=app\n\nusers 2024-01-01T00:00:00Z Ann <ann@example.com> # users\n"
            "@v1 2024-01-02T00:00:00Z Ann <ann@example.com> # tag\n"
            "accounts [users] 2024-01-03T00:00:00Z Ann <ann@example.com> # accounts\n");
  dir.write("deploy/accounts.sql", "BEGIN; CREATE TABLE accounts (id int); COMMIT;");
  dir.write("deploy/users.sql", "CREATE TABLE users (id int);");
  dir.write("revert/users.sql", "DROP TABLE users;");
  dir.write("verify/users.sql", "SELECT 1;");
  const MigrationSet set = load(dir);
  EXPECT_EQ(to_string(set.layout), "sqitch");
  ASSERT_EQ(set.migrations.size(), 2U);
  EXPECT_EQ(set.migrations[0].name, "users");
  EXPECT_EQ(file_of(set, set.migrations[0].down), "revert/users.sql");
  EXPECT_EQ(set.migrations[1].name, "accounts");
  EXPECT_FALSE(set.migrations[1].down.has_value());
  dir.write("sqitch.plan", "%project=app\nthis line is not a change\n");
  EXPECT_NE(error_of(dir).find("sqitch.plan:2: cannot read this sqitch.plan line"), std::string::npos) << error_of(dir);
}

// drizzle-kit's layout: the journal decides the order (not names, not `when`), its `when` is the
// version, a .sql file it does not list never runs, and every migration runs in the run's one
// transaction.
TEST(Layouts, DrizzleJournal) {
  const test::TempDir dir;
  dir.write("meta/_journal.json",
            R"({"version": "7", "dialect": "postgresql", "entries": [
  {"idx": 0, "version": "7", "when": 1700000000000, "tag": "0000_init", "breakpoints": true},
  {"idx": 1, "version": "7", "when": 1690000000000, "tag": "0001_users", "breakpoints": false},
  {"idx": 2, "version": "7", "when": 1710000000000, "tag": "0000_hotfix", "breakpoints": true}]})");
  dir.write("0000_init.sql", "CREATE TABLE a (id int);--> statement-breakpoint\nCREATE TABLE b (id int);");
  dir.write("0001_users.sql", "CREATE TABLE users (id int);");
  dir.write("0000_hotfix.sql", "ALTER TABLE a ADD COLUMN x int;");
  dir.write("0002_forgotten.sql", "DROP TABLE a;");
  const MigrationSet set = load(dir);
  EXPECT_EQ(to_string(set.layout), "drizzle");
  EXPECT_TRUE(set.layout_certain);
  EXPECT_EQ(layout_info(set.layout).grouping, RunGrouping::whole_run);
  ASSERT_EQ(set.migrations.size(), 3U);
  EXPECT_EQ(set.migrations[0].name, "0000_init");
  EXPECT_EQ(set.migrations[0].version, "1700000000000");
  EXPECT_EQ(set.migrations[1].name, "0001_users");
  EXPECT_EQ(set.migrations[2].name, "0000_hotfix");
  EXPECT_EQ(set.migrations[2].transaction, TransactionMode::wrapped);
  ASSERT_EQ(set.naming_problems.size(), 1U);
  EXPECT_EQ(fs::path(set.files[set.naming_problems[0].file]->path()).filename(), "0002_forgotten.sql");
  EXPECT_NE(set.naming_problems[0].message.find("never runs this file"), std::string::npos);

  dir.write("meta/_journal.json", R"({"entries": [{"idx": 0, "when": 1700000000000, "tag": "0000_gone"}]})");
  EXPECT_NE(error_of(dir).find("the journal lists `0000_gone`, but there is no 0000_gone.sql"), std::string::npos)
      << error_of(dir);
  dir.write("meta/_journal.json", "{\"entries\": [\n  {\"tag\": \"0000_init\",, }\n]}");
  EXPECT_NE(error_of(dir).find("_journal.json:2:"), std::string::npos) << error_of(dir);
  dir.write("meta/_journal.json", R"({"entries": [{"tag": "0000_init", "when": "yesterday"}]})");
  EXPECT_NE(error_of(dir).find("has no string `tag` and integer `when`"), std::string::npos) << error_of(dir);
}

TEST(Layouts, NodePgMigrateAtlasAndPlain) {
  const test::TempDir node;
  node.write("1700000000000_init.sql", "-- Up Migration\nCREATE TABLE a (id int);\n-- Down Migration\nDROP TABLE a;\n");
  EXPECT_EQ(to_string(load(node).layout), "node-pg-migrate");
  EXPECT_TRUE(load(node).migrations[0].down.has_value());

  const test::TempDir atlas;
  atlas.write("atlas.sum", "h1:abc=\n");
  atlas.write("20230101000000_init.sql", "CREATE TABLE a (id int);");
  atlas.write("20230102000000_index.sql", "-- atlas:txmode none\nCREATE INDEX CONCURRENTLY i ON a (id);");
  const MigrationSet atlas_set = load(atlas);
  EXPECT_EQ(to_string(atlas_set.layout), "atlas");
  EXPECT_EQ(atlas_set.migrations[0].transaction, TransactionMode::wrapped_each_statement);
  EXPECT_EQ(atlas_set.migrations[1].transaction, TransactionMode::none);

  const test::TempDir plain;
  plain.write("001_initial_schema.sql", "CREATE TABLE a (id int);");
  plain.write("002_more.sql", "SELECT 1;");
  plain.write("rollback/001_rollback_initial.sql", "DROP TABLE a;");
  const MigrationSet plain_set = load(plain);
  EXPECT_EQ(to_string(plain_set.layout), "plain");
  ASSERT_EQ(plain_set.migrations.size(), 2U);
  EXPECT_EQ(file_of(plain_set, plain_set.migrations[0].down), "rollback/001_rollback_initial.sql");
  EXPECT_FALSE(plain_set.migrations[1].down.has_value());
}

TEST(Layouts, MixedLayoutsNameTheFiles) {
  const test::TempDir dir;
  dir.write("V1__init.sql", "SELECT 1;");
  dir.write("2_two.up.sql", "SELECT 1;");
  const std::string error = error_of(dir);
  EXPECT_NE(error.find("mixes migrations of different runners"), std::string::npos) << error;
  EXPECT_NE(error.find("flyway (V1__init.sql)"), std::string::npos) << error;
  EXPECT_NE(error.find("golang-migrate (2_two.up.sql)"), std::string::npos) << error;
  EXPECT_EQ(load(dir, "flyway").migrations.size(), 1U);  // --layout settles it
}

// Only some files follow golang-migrate's naming: the project's own runner reads them all, so
// miglint does too, in version order, and says why it assumed no runner.
TEST(Layouts, PartialNamingIsNoRunner) {
  const test::TempDir dir;
  dir.write("201701261850_create_x.up.sql", "CREATE TABLE x (id int);");
  dir.write("201701261850_create_x.down.sql", "DROP TABLE x;");
  dir.write("201806191904_create_y.sql", "CREATE TABLE y (id int);");
  dir.write("201712010000_alter_x.sql", "ALTER TABLE x ADD COLUMN a int;");
  const MigrationSet set = load(dir);
  EXPECT_EQ(to_string(set.layout), "files");
  EXPECT_FALSE(set.layout_certain);
  EXPECT_NE(set.layout_reason.find("only 2 of 4 migration files are named as golang-migrate expects (201712010000_alter_x.sql is not)"), std::string::npos)
      << set.layout_reason;
  std::vector<std::string> files;
  for (const Migration& m : set.migrations) files.push_back(file_of(set, m.up));
  EXPECT_EQ(files, (std::vector<std::string>{"201701261850_create_x.up.sql", "201712010000_alter_x.sql",
                                             "201806191904_create_y.sql"}));
  // Every file fitting, or --layout, makes it certain.
  EXPECT_TRUE(load(dir, "golang-migrate").layout_certain);
  const test::TempDir clean;
  clean.write("1_a.up.sql", "SELECT 1;");
  clean.write("1_a.down.sql", "SELECT 1;");
  clean.write("schema.sql", "SELECT 1;");  // not numbered: not a migration for any versioned runner
  EXPECT_TRUE(load(clean).layout_certain);
  EXPECT_EQ(to_string(load(clean).layout), "golang-migrate");
}

TEST(Layouts, NestedMigrationFolderIsFound) {
  const test::TempDir dir;
  dir.write("packages/db/migrations/20230101000000_init/migration.sql", "SELECT 1;");
  dir.write("packages/db/migrations/20230102000000_more/migration.sql", "SELECT 1;");
  const MigrationSet set = load(dir);
  EXPECT_EQ(to_string(set.layout), "prisma");
  EXPECT_EQ(fs::path(set.root).lexically_relative(dir.path()).generic_string(), "packages/db/migrations");
}

// Each corpus folder is detected as its runner's layout, with the number of migrations and
// downs counted by hand from the folder (see shared/corpora/README.md).
TEST(Layouts, CorporaAreDetected) {
  const fs::path corpora = test::source_dir() / ".." / "shared" / "corpora";
  if (!fs::is_directory(corpora)) GTEST_SKIP() << "no corpora at " << corpora;
  struct Expected {
    std::string folder, layout;
    size_t migrations, downs;
  };
  for (const Expected& e : std::vector<Expected>{{"documenso", "prisma", 163, 0},
                                                 {"ente", "golang-migrate", 124, 124},
                                                 {"hatchet", "goose", 224, 136},
                                                 {"marquez", "flyway", 84, 0},
                                                 {"openfga", "goose", 6, 6},
                                                 {"supabase-postgres", "dbmate", 30, 30}}) {
    const MigrationSet set = load_migration_directory((corpora / e.folder).string(), {}, std::nullopt);
    EXPECT_EQ(to_string(set.layout), e.layout) << e.folder;
    EXPECT_EQ(set.migrations.size(), e.migrations) << e.folder;
    const auto downs = std::count_if(set.migrations.begin(), set.migrations.end(), [](const Migration& m) { return m.down.has_value(); });
    EXPECT_EQ(static_cast<size_t>(downs), e.downs) << e.folder;
  }
}

}  // namespace
}  // namespace miglint
