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

TEST(Discover, ClearErrorsForMissingPathsAndUnmatchedGlobs) {
  const test::TempDir dir;
  EXPECT_THROW(resolve_inputs({(dir.path() / "missing.sql").string()}, {}), Error);
  EXPECT_THROW(resolve_inputs({(dir.path() / "*.sql").string()}, {}), Error);
}

TEST(Discover, DirectoriesFilesGlobsAndExcludes) {
  const test::TempDir dir;
  dir.write("1_a.sql", "SELECT 1;");
  dir.write("2_b.sql", "SELECT 1;");
  dir.write("legacy/0_old.sql", "SELECT 1;");
  const Inputs inputs = resolve_inputs({dir.path().string(), (dir.path() / "1_a.sql").string()}, {});
  EXPECT_EQ(inputs.directories.size(), 1U);
  EXPECT_EQ(inputs.files.size(), 1U);
  const Inputs globbed = resolve_inputs({(dir.path() / "*.sql").string()}, {});
  EXPECT_EQ(globbed.files.size(), 2U);
  const ExcludeFilter filter({"legacy/*"}, dir.path());
  EXPECT_TRUE(filter.excluded(dir.path() / "legacy" / "0_old.sql"));
  EXPECT_FALSE(filter.excluded(dir.path() / "1_a.sql"));
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
