// Each layout applies migrations in its runner's own order (see linter/run_order.cpp for the
// runners' rules). Folders are written in an order that the runner's rule must change.
#include <gtest/gtest.h>

#include "linter/migration_set.hpp"
#include "tests/test_support.hpp"

namespace miglint::test {
namespace {

std::vector<std::string> versions_of(const TempDir& dir) {
  const MigrationSet set = load_migration_directory(dir.path().string(), {}, std::nullopt);
  std::vector<std::string> out;
  for (const Migration& m : set.migrations) out.push_back(m.repeatable ? "R:" + m.name : m.version);
  return out;
}

std::vector<std::string> names_of(const TempDir& dir) {
  const MigrationSet set = load_migration_directory(dir.path().string(), {}, std::nullopt);
  std::vector<std::string> out;
  for (const Migration& m : set.migrations) out.push_back(m.name);
  return out;
}

// diesel's version is the folder prefix with dashes removed, compared as a string: a history
// that switched styles (or mixes 12- and 14-digit stamps) runs in time order, not style order.
TEST(RunOrder, DieselMixedVersionStyles) {
  const TempDir dir;
  for (const char* folder : {"00000000000000_diesel_initial_setup", "2017-09-23-182408_z", "20170925000000_w",
                             "2017-08-31-230457_y", "20140924113530_x", "201701011200_twelve_digits"}) {
    dir.write(std::string(folder) + "/up.sql", "SELECT 1;");
  }
  EXPECT_EQ(versions_of(dir), (std::vector<std::string>{"00000000000000", "20140924113530", "201701011200",
                                                        "20170831230457", "20170923182408", "20170925000000"}));
}

// golang-migrate and goose parse versions as integers: leading zeros do not count, and a
// 12-digit stamp is a smaller number than any 14-digit one.
TEST(RunOrder, GolangMigrateAndGooseAreNumeric) {
  const TempDir golang;
  for (const char* file : {"10_c.up.sql", "002_b.up.sql", "1_a.up.sql", "20160101120000_d.up.sql", "201701011200_e.up.sql"}) {
    golang.write(file, "SELECT 1;");
  }
  EXPECT_EQ(versions_of(golang), (std::vector<std::string>{"1", "002", "10", "201701011200", "20160101120000"}));

  const TempDir goose;
  for (const char* file : {"10_c.sql", "002_b.sql", "1_a.sql", "0001_a_again.sql"}) {
    goose.write(file, "-- +goose Up\nSELECT 1;\n");
  }
  const std::vector<std::string> order = versions_of(goose);
  ASSERT_EQ(order.size(), 4U);
  EXPECT_EQ(order[2], "002");
  EXPECT_EQ(order[3], "10");  // 1 and 0001 are the same version (a duplicate the rules report) and come first
}

// dbmate sorts file names as bytes: `10_b.sql` runs before `9_a.sql`.
TEST(RunOrder, DbmateByFileName) {
  const TempDir dir;
  for (const char* file : {"9_a.sql", "10_b.sql", "20230101000000_c.sql"}) dir.write(file, "-- migrate:up\nSELECT 1;\n");
  EXPECT_EQ(versions_of(dir), (std::vector<std::string>{"10", "20230101000000", "9"}));
}

// Flyway compares dotted versions part by part as numbers; repeatables come last, by description.
TEST(RunOrder, FlywayVersionParts) {
  const TempDir dir;
  for (const char* file : {"R__z_view.sql", "V2__e.sql", "V1_10__c.sql", "V1_2__d.sql", "R__a_view.sql", "V1_1__b.sql",
                           "V1__a.sql", "V1_1_1__b2.sql"}) {
    dir.write(file, "SELECT 1;");
  }
  EXPECT_EQ(versions_of(dir),
            (std::vector<std::string>{"1", "1.1", "1.1.1", "1.2", "1.10", "2", "R:a_view", "R:z_view"}));
}

// Prisma applies migration folders in name order; Atlas files in version-string order.
TEST(RunOrder, PrismaAndAtlasByName) {
  const TempDir prisma;
  prisma.write("migration_lock.toml", "provider = \"postgresql\"\n");
  for (const char* folder : {"20230201000000_b", "20230101000000_a", "0_init"}) {
    prisma.write(std::string(folder) + "/migration.sql", "SELECT 1;");
  }
  EXPECT_EQ(names_of(prisma), (std::vector<std::string>{"init", "a", "b"}));

  const TempDir atlas;
  atlas.write("atlas.sum", "h1:abc=\n");
  for (const char* file : {"2_b.sql", "10_a.sql", "1_c.sql"}) atlas.write(file, "SELECT 1;");
  EXPECT_EQ(versions_of(atlas), (std::vector<std::string>{"1", "10", "2"}));
}

// node-pg-migrate: a 17-digit prefix is a UTC date with milliseconds, compared with 13-digit
// epoch milliseconds by the time they stand for.
TEST(RunOrder, NodePgMigrateByTimestampValue) {
  const TempDir dir;
  const char* sql = "-- Up Migration\nSELECT 1;\n-- Down Migration\nSELECT 2;\n";
  dir.write("1600000000000_c.sql", sql);          // 2020-09-13
  dir.write("20200513070724505_b.sql", sql);      // 2020-05-13
  dir.write("1391877300255_a.sql", sql);          // 2014-02-08
  EXPECT_EQ(names_of(dir), (std::vector<std::string>{"a", "b", "c"}));
}

// sqitch runs its plan in order, whatever the names.
TEST(RunOrder, SqitchKeepsThePlan) {
  const TempDir dir;
  dir.write("sqitch.plan",
            "%project=app\nzebra 2024-01-01T00:00:00Z Ann <ann@example.com>\n"
            "apple 2024-01-02T00:00:00Z Ann <ann@example.com>\n");
  dir.write("deploy/zebra.sql", "SELECT 1;");
  dir.write("deploy/apple.sql", "SELECT 1;");
  EXPECT_EQ(names_of(dir), (std::vector<std::string>{"zebra", "apple"}));
}

}  // namespace
}  // namespace miglint::test
