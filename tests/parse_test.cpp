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


std::vector<std::string> linted_texts(const std::string& text, const ParsedFile& parsed) {
  std::vector<std::string> out;
  for (const Statement& stmt : parsed.linted_statements()) {
    out.push_back((stmt.embedded ? "  " : "") + text.substr(stmt.range.begin, stmt.range.end - stmt.range.begin));
  }
  return out;
}

TEST(Parse, DoBlockBodiesAreLintedAfterTheirDo) {
  const std::string text =
      "CREATE TABLE t (id int);\n"
      "DO $body$\n"
      "DECLARE n int;\n"
      "BEGIN\n"
      "  SELECT count(*) INTO n FROM t;\n"
      "  IF n = 0 THEN\n"
      "    ALTER TABLE t ADD COLUMN a int;\n"
      "  END IF;\n"
      "  EXECUTE 'CREATE INDEX t_a ON t (a)';\n"
      "  EXECUTE $x$DROP INDEX t_b$x$;\n"
      "  EXECUTE 'DROP TABLE ''quoted''';\n"
      "  EXECUTE format('DROP TABLE %I', 't');\n"
      "EXCEPTION WHEN others THEN\n"
      "  DROP TABLE t;\n"
      "END $body$;\n"
      "DO LANGUAGE plpgsql 'BEGIN ALTER TABLE t DROP COLUMN a; END';\n"
      "DO LANGUAGE plperl $$ 1; $$;\n";
  const ParsedFile parsed = parse(text);
  EXPECT_TRUE(parsed.errors().empty());
  // What a runner sends is unchanged: the DO statements themselves.
  EXPECT_EQ(parsed.statements().size(), 4U);
  const size_t do_begin = text.find("DO $body$");
  const std::vector<std::string> expected = {
      "CREATE TABLE t (id int)",
      text.substr(do_begin, text.find("END $body$") + 10 - do_begin),
      "  ALTER TABLE t ADD COLUMN a int",  // the SELECT ... INTO fills a variable: left out
      "  CREATE INDEX t_a ON t (a)",
      "  DROP INDEX t_b",  // the string with '' escapes, format(...) and the handler: left out
      "DO LANGUAGE plpgsql 'BEGIN ALTER TABLE t DROP COLUMN a; END'",
      "  ALTER TABLE t DROP COLUMN a",
      "DO LANGUAGE plperl $$ 1; $$",
  };
  EXPECT_EQ(linted_texts(text, parsed), expected);
  ASSERT_EQ(parsed.linted_statements().size(), expected.size());
  // The EXECUTE format(...) after them may do anything.
  EXPECT_TRUE(parsed.linted_statements()[2].followed_by_dynamic_sql);
  EXPECT_FALSE(parsed.linted_statements()[6].followed_by_dynamic_sql);
  // Node locations are relative to the embedded text.
  const Statement& index = parsed.linted_statements()[3];
  EXPECT_EQ(index.offset_of(index.node->index_stmt->relation->location), text.find("t (a)"));
  EXPECT_FALSE(index.tokens.empty());
}

TEST(Parse, BrokenDoBodyIsLeftAlone) {
  const std::string text = "DO $$ BEGIN IF THEN END $$;\nDO $$ BEGIN ALTER TABLE v_name ADD COLUMN x int; END $$;";
  const ParsedFile parsed = parse(text);
  EXPECT_TRUE(parsed.errors().empty());  // PostgreSQL checks a DO body only when it runs
  ASSERT_EQ(parsed.linted_statements().size(), 3U);
  EXPECT_TRUE(parsed.linted_statements()[2].embedded);
}

}  // namespace
}  // namespace miglint
