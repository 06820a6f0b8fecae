#include <gtest/gtest.h>

#include "linter/clause.hpp"
#include "linter/parse.hpp"

namespace miglint {
namespace {

ParsedFile parse(std::string_view text) { return ParsedFile::parse(text, {0, static_cast<uint32_t>(text.size())}); }

TEST(Parse, StatementRangeSkipsLeadingCommentsAndSemicolon) {
  const std::string text = "-- leading comment\n  /* block */ CREATE TABLE t (id int);\nDROP TABLE t";
  const ParsedFile parsed = parse(text);
  ASSERT_EQ(parsed.statements().size(), 2U);
  const TextRange first = parsed.statements()[0].range;
  EXPECT_EQ(text.substr(first.begin, first.end - first.begin), "CREATE TABLE t (id int)");
  const TextRange second = parsed.statements()[1].range;
  EXPECT_EQ(text.substr(second.begin, second.end - second.begin), "DROP TABLE t");
  EXPECT_EQ(parsed.comments().size(), 2U);
  EXPECT_TRUE(parsed.errors().empty());
}

TEST(Parse, SyntaxErrorDoesNotHideOtherStatements) {
  const std::string text = "CREATE TABLE a (id int);\nSELECT 'é' FROM WHERE;\nCREATE TABLE b (id int);";
  const ParsedFile parsed = parse(text);
  ASSERT_EQ(parsed.errors().size(), 1U);
  EXPECT_EQ(parsed.errors()[0].offset, text.find("WHERE"));  // PostgreSQL counts characters; we report bytes
  EXPECT_EQ(parsed.errors()[0].message, "syntax error at or near \"WHERE\"");
  EXPECT_EQ(parsed.statements().size(), 2U);
}

TEST(Parse, EveryBrokenStatementIsReported) {
  const std::string text = "SELEC 1;\nSELECT 2;\nCREATE TABEL x (id int);";
  const ParsedFile parsed = parse(text);
  ASSERT_EQ(parsed.errors().size(), 2U);
  EXPECT_EQ(parsed.errors()[0].offset, 0U);
  EXPECT_EQ(parsed.errors()[1].offset, text.find("TABEL"));
  EXPECT_EQ(parsed.statements().size(), 1U);
}

TEST(Parse, UnterminatedStringKeepsStatementsBeforeIt) {
  const std::string text = "CREATE TABLE a (id int);\nCREATE TABLE b (id int);\nSELECT 'oops;\nSELECT 3;";
  const ParsedFile parsed = parse(text);
  ASSERT_EQ(parsed.errors().size(), 1U);
  EXPECT_EQ(parsed.errors()[0].offset, text.find("'oops"));
  EXPECT_EQ(parsed.statements().size(), 2U);
  for (const Statement& stmt : parsed.statements()) {
    EXPECT_FALSE(stmt.tokens.empty());
  }
}

TEST(Parse, UnterminatedDollarQuoteAndEmptyInput) {
  EXPECT_EQ(parse("DO $$ BEGIN").errors().size(), 1U);
  EXPECT_TRUE(parse("").statements().empty());
  EXPECT_TRUE(parse("   -- only a comment\n").statements().empty());
  EXPECT_TRUE(parse("   -- only a comment\n").errors().empty());
}

TEST(Parse, SectionOffsetsAreAbsolute) {
  const std::string text = "garbage that is not parsed;\nALTER TABLE t DROP COLUMN c;";
  const auto begin = static_cast<uint32_t>(text.find("ALTER"));
  const ParsedFile parsed = ParsedFile::parse(text, {begin, static_cast<uint32_t>(text.size())});
  ASSERT_EQ(parsed.statements().size(), 1U);
  EXPECT_EQ(parsed.statements()[0].range.begin, begin);
}

TEST(Clause, AlterTableCommandRanges) {
  const std::string text = "ALTER TABLE public.t ADD COLUMN a numeric(10, 2) NOT NULL, DROP COLUMN b;";
  const ParsedFile parsed = parse(text);
  const Statement& stmt = parsed.statements().at(0);
  const std::vector<TextRange> ranges = alter_table_command_ranges(stmt, *stmt.node->alter_table_stmt);
  ASSERT_EQ(ranges.size(), 2U);
  EXPECT_EQ(text.substr(ranges[0].begin, ranges[0].end - ranges[0].begin), "ADD COLUMN a numeric(10, 2) NOT NULL");
  EXPECT_EQ(text.substr(ranges[1].begin, ranges[1].end - ranges[1].begin), "DROP COLUMN b");
}

}  // namespace
}  // namespace miglint
