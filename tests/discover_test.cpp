#include <gtest/gtest.h>

#include "linter/discover.hpp"
#include "linter/error.hpp"
#include "linter/sections.hpp"
#include "tests/test_support.hpp"

namespace miglint {
namespace {

TEST(MigrationOrder, NumbersCompareNumerically) {
  EXPECT_TRUE(migration_order_less("2_b.sql", "10_a.sql"));
  EXPECT_FALSE(migration_order_less("10_a.sql", "2_b.sql"));
  EXPECT_TRUE(migration_order_less("V1_9__x.sql", "V1_10__x.sql"));
  EXPECT_TRUE(migration_order_less("001_a.sql", "002_a.sql"));
  // Versions longer than any integer type still compare correctly.
  EXPECT_TRUE(migration_order_less("99999999999999999999999_a.sql", "100000000000000000000000_a.sql"));
}

TEST(Discover, DirectoryIsOneOrderedSetWithoutDowns) {
  const test::TempDir dir;
  dir.write("10_c.up.sql", "SELECT 1;");
  dir.write("10_c.down.sql", "SELECT 1;");
  dir.write("2_b.up.sql", "SELECT 1;");
  dir.write("nested/3_d.sql", "SELECT 1;");
  dir.write("rollback/001_rollback.sql", "SELECT 1;");
  dir.write("notes.txt", "not sql");
  const std::vector<MigrationSet> sets = discover({dir.path().string()}, {});
  ASSERT_EQ(sets.size(), 1U);
  std::vector<std::string> names;
  for (const std::string& file : sets[0].files) names.push_back(std::filesystem::path(file).filename().string());
  EXPECT_EQ(names, (std::vector<std::string>{"2_b.up.sql", "10_c.up.sql", "3_d.sql"}));
  EXPECT_EQ(sets[0].skipped_down_files.size(), 2U);
}

TEST(Discover, ClearErrorsForMissingPathsEmptyDirectoriesAndUnmatchedGlobs) {
  const test::TempDir dir;
  std::filesystem::create_directories(dir.path() / "empty");
  EXPECT_THROW(discover({(dir.path() / "missing.sql").string()}, {}), Error);
  EXPECT_THROW(discover({(dir.path() / "empty").string()}, {}), Error);
  EXPECT_THROW(discover({(dir.path() / "*.sql").string()}, {}), Error);
  try {
    discover({(dir.path() / "empty").string()}, {});
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("no migrations"), std::string::npos);
  }
}

TEST(Discover, GlobsAndExcludes) {
  const test::TempDir dir;
  dir.write("1_a.sql", "SELECT 1;");
  dir.write("2_b.sql", "SELECT 1;");
  dir.write("legacy/0_old.sql", "SELECT 1;");
  const ExcludeFilter filter({"legacy/*"}, dir.path());
  const std::vector<MigrationSet> sets = discover({dir.path().string()}, filter);
  ASSERT_EQ(sets.size(), 1U);
  EXPECT_EQ(sets[0].files.size(), 2U);
  const std::vector<MigrationSet> globbed = discover({(dir.path() / "*.sql").string()}, {});
  ASSERT_EQ(globbed.size(), 1U);
  EXPECT_EQ(globbed[0].files.size(), 2U);
}

TEST(Sections, DownSectionsAreNotPartOfTheUpMigration) {
  const std::string goose = "-- +goose Up\nCREATE TABLE t (id int);\n-- +goose Down\nDROP TABLE t;\n";
  EXPECT_EQ(up_section(goose).end, goose.find("-- +goose Down"));
  const std::string dbmate = "-- migrate:up\nCREATE TABLE t (id int);\n\n  -- migrate:down\nDROP TABLE t;\n";
  EXPECT_EQ(up_section(dbmate).end, dbmate.find("  -- migrate:down"));
  const std::string plain = "CREATE TABLE t (id int);\n-- a comment about down migrations\n";
  EXPECT_EQ(up_section(plain).end, plain.size());
}

}  // namespace
}  // namespace miglint
