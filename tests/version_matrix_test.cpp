// Every verdict that depends on the server version, linted at each version that changes one: a
// rule must fire exactly on the versions where the hazard is real.
#include <gtest/gtest.h>

#include <algorithm>

#include "linter/config.hpp"
#include "tests/test_support.hpp"

namespace miglint {
namespace {

// The versions whose release changed a verdict (11, 12, 14, 17, 18) and one before them.
constexpr int kVersions[] = {10, 11, 12, 14, 16, 17, 18};

struct VersionCase {
  std::string name;
  std::string history;    // an applied migration that creates the tables
  std::string migration;  // the migration under test
  std::string rule;
  int fires_from;   // first version where the rule fires (0: from the start)
  int fires_until;  // first version where it no longer fires (99: never stops)
};

void PrintTo(const VersionCase& c, std::ostream* out) { *out << c.name; }

class VersionMatrix : public ::testing::TestWithParam<VersionCase> {};

bool fires(const VersionCase& c, int version) {
  const LintResult result = test::lint_texts({{"001_create.sql", c.history}, {"002_change.sql", c.migration}}, version);
  const std::vector<std::string> ids = test::rule_ids(result);
  return std::find(ids.begin(), ids.end(), c.rule) != ids.end();
}

TEST_P(VersionMatrix, FiresExactlyWhereTheHazardIsReal) {
  const VersionCase& c = GetParam();
  for (const int version : kVersions) {
    const bool expected = version >= c.fires_from && version < c.fires_until;
    EXPECT_EQ(fires(c, version), expected) << c.rule << " at PostgreSQL " << version;
  }
}

const char* const kUsers = "CREATE TABLE users (id bigint PRIMARY KEY, email text, created timestamp);\n"
                           "CREATE TYPE mood AS ENUM ('happy');\n";

INSTANTIATE_TEST_SUITE_P(
    Versions, VersionMatrix,
    ::testing::Values(
        VersionCase{"constant_default", kUsers, "ALTER TABLE users ADD COLUMN n int DEFAULT 0;",
                    "adding-field-with-default", 0, 11},
        VersionCase{"volatile_default", kUsers, "ALTER TABLE users ADD COLUMN r float8 DEFAULT random();",
                    "adding-field-with-default", 0, 99},
        VersionCase{"enum_value_in_transaction", kUsers, "BEGIN;\nALTER TYPE mood ADD VALUE 'sad';\nCOMMIT;",
                    "ban-add-enum-value-in-transaction", 0, 12},
        VersionCase{"set_not_null_after_validated_check",
                    std::string(kUsers) +
                        "ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID;\n"
                        "ALTER TABLE users VALIDATE CONSTRAINT users_email_nn;\n",
                    "ALTER TABLE users ALTER COLUMN email SET NOT NULL;", "adding-not-nullable-field", 0, 12},
        VersionCase{"set_not_null_unproven", kUsers, "ALTER TABLE users ALTER COLUMN email SET NOT NULL;",
                    "adding-not-nullable-field", 0, 99},
        VersionCase{"timestamptz_in_utc_session", kUsers,
                    "SET timezone = 'UTC';\nALTER TABLE users ALTER COLUMN created TYPE timestamptz;",
                    "changing-column-type", 0, 12},
        VersionCase{"reindex", kUsers, "REINDEX TABLE users;", "require-concurrent-reindex", 12, 99},
        VersionCase{"detach_partition",
                    "CREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at);\n"
                    "CREATE TABLE events_2020 PARTITION OF events FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');\n",
                    "ALTER TABLE events DETACH PARTITION events_2020;", "require-concurrent-partition-detach", 14, 99}));

Config only_statement_timeout() {
  Config config;
  config.select = std::vector<std::string>{"require-statement-timeout"};
  return config;
}

// The statement_timeout rule is opt-in; on 17+ a transaction_timeout protects the statement too.
TEST(VersionMatrix, TransactionTimeoutCountsFromSeventeen) {
  for (const int version : kVersions) {
    const LintResult result = test::lint_texts({{"001_create.sql", kUsers},
                                                {"002_change.sql", "SET transaction_timeout = '1min';\n"
                                                                   "ALTER TABLE users ADD COLUMN a text;"}},
                                               version, only_statement_timeout());
    const std::vector<std::string> ids = test::rule_ids(result);
    const bool reported = std::find(ids.begin(), ids.end(), "require-statement-timeout") != ids.end();
    EXPECT_EQ(reported, version < 17) << "PostgreSQL " << version;
  }
}

// From 18 the help for SET NOT NULL recommends NOT NULL NOT VALID; before, the CHECK detour.
TEST(VersionMatrix, NotNullHelpFollowsTheVersion) {
  for (const int version : kVersions) {
    const LintResult result = test::lint_texts(
        {{"001_create.sql", kUsers}, {"002_change.sql", "ALTER TABLE users ALTER COLUMN email SET NOT NULL;"}}, version);
    ASSERT_FALSE(result.results.empty());
    std::string help;
    for (const auto& file : result.results) {
      for (const Diagnostic& d : file.diagnostics) {
        if (d.rule == "adding-not-nullable-field") help = d.help;
      }
    }
    ASSERT_FALSE(help.empty()) << "PostgreSQL " << version;
    EXPECT_EQ(help.find("NOT NULL email NOT VALID") != std::string::npos, version >= 18) << help;
    EXPECT_EQ(help.find("CHECK (email IS NOT NULL) NOT VALID") != std::string::npos, version < 18) << help;
  }
}

TEST(VersionMatrix, VersionTextNamesItsMajorVersion) {
  EXPECT_EQ(parse_pg_version("11"), 11);
  EXPECT_EQ(parse_pg_version("11.0"), 11);
  EXPECT_EQ(parse_pg_version("15.4"), 15);
  EXPECT_EQ(parse_pg_version("9.6.24"), 9);
  EXPECT_EQ(parse_pg_version("18"), 18);
  for (const char* bad : {"", "x", "15.", ".15", "15..4", "15.4.1.2", "fifteen", "15a", "-15", "1.2.3.4"}) {
    EXPECT_FALSE(parse_pg_version(bad).has_value()) << bad;
  }
}

// `--pg-version 11.0` and `11` give the same verdicts (squawk's `> 11` quirk treats them apart).
TEST(VersionMatrix, CommandLineAcceptsMinorVersions) {
  const test::TempDir dir;
  dir.write("m/001_create.sql", kUsers);
  dir.write("m/002_change.sql", "ALTER TABLE users ADD COLUMN n int DEFAULT 0;\n");
  for (const char* version : {"10", "10.23"}) {
    const test::RunResult run = test::run_miglint({"lint", "--no-config", "--pg-version", version, "m"}, dir.path());
    EXPECT_EQ(run.exit_code, 1) << version << run.out << run.err;
    EXPECT_NE(run.out.find("adding-field-with-default"), std::string::npos) << version;
  }
  for (const char* version : {"11", "11.0"}) {
    const test::RunResult run = test::run_miglint({"lint", "--no-config", "--pg-version", version, "m"}, dir.path());
    EXPECT_EQ(run.exit_code, 0) << version << run.out << run.err;
  }
  const test::RunResult bad = test::run_miglint({"lint", "--no-config", "--pg-version", "fifteen", "m"}, dir.path());
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--pg-version must be a PostgreSQL version from 9 to 18 (e.g. 15 or 15.4), not `fifteen`"),
            std::string::npos)
      << bad.err;
}

}  // namespace
}  // namespace miglint
