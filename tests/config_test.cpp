#include <gtest/gtest.h>

#include "linter/config.hpp"
#include "linter/engine.hpp"
#include "linter/error.hpp"
#include "tests/test_support.hpp"

namespace miglint {
namespace {

std::string config_error(std::string_view text) {
  try {
    parse_config(text, "miglint.toml", builtin_rules());
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(Config, ReadsEveryKey) {
  const Config config = parse_config(R"(
pg_version = 11
fail_on = "warning"
select = ["ban-drop-column", "adding-required-field"]
ignore = ["changing-column-type"]
exclude = ["legacy/*"]

[rules.ban-drop-column]
severity = "error"

[rules.require-concurrent-index-creation]
small_tables = ["countries"]

[rules.require-foreign-key-index]
severity = "off"
)",
                                     "miglint.toml", builtin_rules());
  EXPECT_EQ(config.pg_version, 11);
  EXPECT_EQ(config.fail_on, Severity::warning);
  ASSERT_TRUE(config.select.has_value());
  EXPECT_EQ(config.select->size(), 2U);
  EXPECT_EQ(config.exclude, std::vector<std::string>{"legacy/*"});
  EXPECT_EQ(config.rules.at("ban-drop-column").severity, Severity::error);
  EXPECT_FALSE(config.rules.at("require-foreign-key-index").enabled);
  EXPECT_EQ(config.rules.at("require-concurrent-index-creation").options.at("small_tables"),
            std::vector<std::string>{"countries"});
}

TEST(Config, ErrorsNameFileLineAndColumn) {
  EXPECT_EQ(config_error("pg_version = 15\nbogus = 1\n"),
            "miglint.toml:2:1: unknown key `bogus` (expected pg_version, fail_on, select, ignore, layout, lint_downs, exclude or [rules.<id>])");
  EXPECT_EQ(config_error("layout = \"rails\"\n"),
            "miglint.toml:1:10: `layout` must be one of: flyway, golang-migrate, goose, dbmate, diesel, prisma, drizzle, sqitch, "
            "node-pg-migrate, atlas, plain, files");
  EXPECT_EQ(parse_config("layout = \"goose\"\n", "miglint.toml", builtin_rules()).layout, LayoutId::goose);
  EXPECT_EQ(config_error("pg_version = 99\n"), "miglint.toml:1:14: `pg_version` must be a version from 9 to 18 (e.g. 15 or \"15.4\")");
  EXPECT_EQ(config_error("pg_version = \"fifteen\"\n"), "miglint.toml:1:14: `pg_version` must be a version from 9 to 18 (e.g. 15 or \"15.4\")");
  EXPECT_EQ(parse_config("pg_version = \"11.0\"\n", "miglint.toml", builtin_rules()).pg_version, 11);
  EXPECT_EQ(parse_config("pg_version = 15.4\n", "miglint.toml", builtin_rules()).pg_version, 15);
  EXPECT_EQ(config_error("[rules.no-such-rule]\nseverity = \"error\"\n"),
            "miglint.toml:1:8: unknown rule `no-such-rule` (see `miglint rules`)");
  EXPECT_EQ(config_error("[rules.ban-drop-column]\nsmall_tables = []\n"), "miglint.toml:2:1: rule `ban-drop-column` has no option `small_tables`");
  EXPECT_EQ(config_error("fail_on = \"fatal\"\n"), "miglint.toml:1:11: `fail_on` must be \"error\", \"warning\" or \"note\"");
  EXPECT_EQ(config_error("select = \"ban-drop-column\"\n"), "miglint.toml:1:10: `select` must be an array of strings");
  const std::string syntax = config_error("pg_version = = 3\n");
  EXPECT_TRUE(syntax.starts_with("miglint.toml:1:")) << syntax;
}

TEST(Config, FoundByWalkingUp) {
  const test::TempDir dir;
  dir.write("miglint.toml", "pg_version = 12\n");
  dir.write("db/migrations/001.sql", "SELECT 1;");
  const auto found = find_config(dir.path() / "db" / "migrations");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->filename(), "miglint.toml");
  EXPECT_EQ(load_config(*found, builtin_rules()).pg_version, 12);
}

TEST(Config, SeveritiesAndOptionsReachTheRules) {
  Config config = parse_config(R"(
[rules.ban-drop-column]
severity = "note"
[rules.require-concurrent-index-creation]
small_tables = ["countries"]
)",
                               "miglint.toml", builtin_rules());
  const LintResult result = test::lint_texts(
      {{"a.sql", "ALTER TABLE users DROP COLUMN c;\nCREATE INDEX i ON countries (code);\nCREATE INDEX j ON cities (code);\n"}},
      15, config);
  ASSERT_EQ(result.results[0].diagnostics.size(), 2U);
  EXPECT_EQ(result.results[0].diagnostics[0].severity, Severity::note);
  EXPECT_EQ(result.results[0].diagnostics[1].rule, "require-concurrent-index-creation");
  EXPECT_NE(result.results[0].diagnostics[1].message.find("cities"), std::string::npos);
}

// `max` for the timeout rules: a value above it does not count; a value that is not a duration is a
// config error when the rule is built.
TEST(Config, TimeoutMaximum) {
  const Config config = parse_config("[rules.require-lock-timeout]\nenabled = true\nmax = [\"1s\"]\n", "miglint.toml",
                                     builtin_rules());
  const auto found = [&](const std::string& sql) {
    const LintResult result = test::lint_texts({{"a.sql", sql}}, 15, config);
    return test::rule_ids(result);
  };
  EXPECT_EQ(found("SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN a text;\n"),
            std::vector<std::string>{"require-lock-timeout"});
  EXPECT_TRUE(found("SET lock_timeout = '500ms';\nALTER TABLE users ADD COLUMN a text;\n").empty());
  const Config bad = parse_config("[rules.require-lock-timeout]\nenabled = true\nmax = [\"soon\"]\n", "miglint.toml",
                                  builtin_rules());
  EXPECT_THROW(test::lint_texts({{"a.sql", "SELECT 1;"}}, 15, bad), Error);
}

}  // namespace
}  // namespace miglint
