#include <gtest/gtest.h>

#include "linter/suppression.hpp"
#include "tests/test_support.hpp"

namespace miglint {
namespace {

TEST(SuppressionComment, ParsesIdsAndReason) {
  const auto s = parse_suppression_comment("-- miglint-ignore: ban-drop-column, changing-column-type -- why", 100);
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->scope, Suppression::Scope::statement);
  ASSERT_EQ(s->ids.size(), 2U);
  EXPECT_EQ(s->ids[0].id, "ban-drop-column");
  EXPECT_EQ(s->ids[0].range.begin, 119U);
  EXPECT_EQ(s->ids[1].id, "changing-column-type");
}

TEST(SuppressionComment, FileScopeBlockCommentsAndNonDirectives) {
  const auto file = parse_suppression_comment("/* miglint-ignore-file: ban-drop-column */", 0);
  ASSERT_TRUE(file.has_value());
  EXPECT_EQ(file->scope, Suppression::Scope::file);
  ASSERT_EQ(file->ids.size(), 1U);
  EXPECT_EQ(file->ids[0].id, "ban-drop-column");
  EXPECT_TRUE(parse_suppression_comment("-- miglint-ignore", 0)->ids.empty());
  EXPECT_FALSE(parse_suppression_comment("-- miglint-ignored: x", 0).has_value());
  EXPECT_FALSE(parse_suppression_comment("-- just a comment", 0).has_value());
}

TEST(Suppression, TextInsideStringLiteralsIsNotADirective) {
  const test::TempDir dir;
  const LintResult result = test::lint_text(
      "INSERT INTO notes VALUES ('-- miglint-ignore: ban-drop-column');\nALTER TABLE users DROP COLUMN c;\n");
  EXPECT_EQ(test::rule_ids(result), std::vector<std::string>{"ban-drop-column"});
}

TEST(Suppression, BareIgnoreCoversEveryRuleOfTheStatement) {
  const LintResult result = test::lint_text(
      "-- miglint-ignore\nALTER TABLE users DROP COLUMN c, ALTER COLUMN d SET NOT NULL;\n"
      "ALTER TABLE users DROP COLUMN e;\n");
  EXPECT_EQ(test::rule_ids(result), std::vector<std::string>{"ban-drop-column"});
}

// The engine frees a file's tokens once its migration has replayed, before findings are
// matched with suppressions: a comment inside a statement must still find the line below it.
TEST(Suppression, CommentInsideAStatementOfAnEarlierMigrationCoversTheLineBelow) {
  const LintResult result = test::lint_texts({
      {"1_users.sql", "CREATE TABLE users (id int, c int, d int);\n"},
      {"2_drop.sql", "ALTER TABLE users\n  -- miglint-ignore: ban-drop-column\n  DROP COLUMN c,\n  DROP COLUMN d;\n"},
      {"3_later.sql", "SELECT 1;\n"},
  });
  ASSERT_EQ(test::rule_ids(result), std::vector<std::string>{"ban-drop-column"});
  const Diagnostic& left = result.results[1].diagnostics.at(0);
  EXPECT_EQ(result.files[1]->position(left.range.begin).line, 4U);
}

TEST(Suppression, FileLevelIgnoreWithoutIdsSilencesEverything) {
  const LintResult result = test::lint_text("ALTER TABLE users DROP COLUMN c;\n-- miglint-ignore-file\n");
  EXPECT_TRUE(test::rule_ids(result).empty());
}

}  // namespace
}  // namespace miglint
