#include <gtest/gtest.h>

#include <string>

#include "linter/bulk_insert.hpp"
#include "linter/checksum.hpp"
#include "linter/parse.hpp"

namespace miglint {
namespace {

ParsedFile parse(std::string_view text) { return ParsedFile::parse(text, {0, static_cast<uint32_t>(text.size())}); }

std::string slice(std::string_view text, TextRange range) { return std::string(text.substr(range.begin, range.end - range.begin)); }

TEST(BulkInsert, RecognisesLiteralRows) {
  const std::string_view text = "\n  insert into public.\"Events\" (id, \"Payload\") VALUES\n"
                                "  (1, 'it''s; -- not a comment', NULL, -2.5e3, .5, TRUE, DEFAULT, '{}'::jsonb, 'a'::text[]),\n"
                                "  (2,'x',null,+7,1.,false,default,'',''::text)";
  const std::optional<BulkInsert> found = bulk_insert(text);
  ASSERT_TRUE(found);
  EXPECT_EQ(text.substr(found->begin, found->head_end - found->begin), "insert into public.\"Events\" (id, \"Payload\") VALUES");
  EXPECT_EQ(text.substr(found->rows_begin, 3), "(1,");
  EXPECT_EQ(found->rows_end, text.size());
  EXPECT_TRUE(bulk_insert("INSERT INTO t VALUES (1)"));
}

TEST(BulkInsert, LeavesEverythingElseToTheParser) {
  for (const std::string_view text : {
           "INSERT INTO t VALUES (now())",                    // a function call
           "INSERT INTO t VALUES (1 + 1)",                    // an expression
           "INSERT INTO t VALUES (E'a\\'b')",                 // an escape string
           "INSERT INTO t VALUES ($$a$$)",                    // a dollar quote
           "INSERT INTO t VALUES (B'101')",                   // a bit string
           "INSERT INTO t VALUES ('a' 'b')",                  // adjacent strings
           "INSERT INTO t VALUES (0x1F)",                     // PostgreSQL 16 integer syntax
           "INSERT INTO t VALUES (1_000)",                    //   likewise
           "INSERT INTO t VALUES (1) -- comment",             // a comment
           "INSERT INTO t VALUES (1) /* comment */",          //   likewise
           "-- lead\nINSERT INTO t VALUES (1)",               // a leading comment (maybe a suppression)
           "INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING",  // more than rows
           "INSERT INTO t VALUES (1) RETURNING id",            //   likewise
           "INSERT INTO t AS x VALUES (1)",                   // an alias
           "INSERT INTO t SELECT 1",                          // not VALUES
           "WITH x AS (SELECT 1) INSERT INTO t VALUES (1)",   // a CTE
           "INSERT INTO t VALUES (1",                         // unbalanced
           "INSERT INTO t VALUES (1))",                       //   likewise
           "INSERT INTO t VALUES ('unterminated)",            // an open string
           "INSERT INTO t VALUES ()",                         // no value
           "INSERT INTO t VALUES (1),",                       // a trailing comma
           "INSERT INTO t VALUES (1)(2)",                     // a missing comma
           "INSERT INTO t VALUES ('x'::timestamp with time zone)",  // a type of several words
           "INSERTINTO t VALUES (1)",
           "UPDATE t SET a = 1",
       }) {
    EXPECT_FALSE(bulk_insert(text)) << text;
  }
}

TEST(BulkInsert, CanonicalRowsIgnoreSpacingAndCaseOutsideQuotes) {
  EXPECT_EQ(canonical_rows("( 1 ,\n 'a b' , null )"), canonical_rows("(1,'a b',NULL)"));
  EXPECT_NE(canonical_rows("(1, 'a b')"), canonical_rows("(1, 'a  b')"));
  EXPECT_NE(canonical_rows("(1, 'A')"), canonical_rows("(1, 'a')"));
  EXPECT_EQ(canonical_rows("('it''s', \"Q q\")"), "('it''s',\"Q q\")");
}

// A file over the large-section threshold, mixing literal-rows INSERTs with everything else.
std::string large_file(std::string_view middle) {
  std::string text = "CREATE TABLE events (id int, payload text);\n";
  for (int i = 0; text.size() < (1U << 20) + 1000; ++i) {
    text += "INSERT INTO events (id, payload) VALUES (" + std::to_string(i) + ", 'row; " + std::to_string(i) + "');\n";
    if (i == 5000) text += middle;
  }
  return text + "ALTER TABLE events DROP COLUMN payload;\n";
}

TEST(BulkInsert, LargeFileKeepsEveryStatementWithItsText) {
  const std::string text = large_file(
      "-- miglint-ignore: ban-drop-column -- testing\n"
      "INSERT INTO events VALUES (1, now());\n"
      "DO $$ BEGIN EXECUTE 'DROP TABLE x'; END $$;\n"
      "INSERT INTO \"Other\" (a) VALUES (1), (2),\n (3);\n");
  const ParsedFile parsed = parse(text);
  EXPECT_TRUE(parsed.errors().empty());
  size_t inserts = 0;
  size_t literal = 0;
  for (const Statement& stmt : parsed.statements()) {
    const std::string written = slice(text, stmt.range);
    // Every statement's range is its whole text, from its first token to its last.
    EXPECT_NE(text.find(written + ";\n"), std::string::npos) << written;
    EXPECT_FALSE(written.ends_with(";"));
    if (stmt.node->node_case != PG_QUERY__NODE__NODE_INSERT_STMT) continue;
    ++inserts;
    EXPECT_NE(stmt.node->insert_stmt->relation, nullptr);
    if (stmt.literal_rows.end > stmt.literal_rows.begin) {
      ++literal;
      EXPECT_EQ(text[stmt.literal_rows.begin], '(');
      EXPECT_EQ(text[stmt.literal_rows.end - 1], ')');
      EXPECT_EQ(stmt.literal_rows.end, stmt.range.end);
      EXPECT_EQ(slice(text, stmt.tokens.front().range), "INSERT");
      EXPECT_EQ(slice(text, stmt.tokens.back().range), "VALUES");
    }
  }
  const size_t rows = static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
  // CREATE, ALTER, DO, the four lines of the middle: every other line is a literal INSERT.
  EXPECT_EQ(parsed.statements().size(), rows - 2);
  EXPECT_EQ(inserts, rows - 3 - 2);
  EXPECT_EQ(literal, inserts - 1);  // all but the one calling now()
  const auto other = std::find_if(parsed.statements().begin(), parsed.statements().end(), [&](const Statement& s) {
    return s.node->node_case == PG_QUERY__NODE__NODE_INSERT_STMT && std::string_view(s.node->insert_stmt->relation->relname) == "Other";
  });
  ASSERT_NE(other, parsed.statements().end());
  EXPECT_EQ(slice(text, other->range), "INSERT INTO \"Other\" (a) VALUES (1), (2),\n (3)");
  // The suppression comment is seen, and the DO body's statement is linted.
  EXPECT_EQ(parsed.comments().size(), 1U);
  EXPECT_EQ(parsed.linted_statements().size(), parsed.statements().size() + 1);
}

TEST(BulkInsert, LargeFileWithSemicolonsInsideAStatementIsParsedWhole) {
  // The scanner splits at every `;`, also inside a BEGIN ATOMIC body: the INSERT in the body
  // must stay part of the function.
  const std::string text = large_file(
      "CREATE FUNCTION f() RETURNS void LANGUAGE sql BEGIN ATOMIC\n"
      "  SELECT 1;\n"
      "  INSERT INTO events VALUES (1, 'x');\n"
      "END;\n");
  const ParsedFile parsed = parse(text);
  EXPECT_TRUE(parsed.errors().empty());
  const size_t functions = std::count_if(parsed.statements().begin(), parsed.statements().end(), [](const Statement& s) {
    return s.node->node_case == PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT;
  });
  EXPECT_EQ(functions, 1U);
  const size_t rows = static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
  EXPECT_EQ(parsed.statements().size(), rows - 3);
}

TEST(BulkInsert, LargeFileWithASyntaxErrorReportsIt) {
  const std::string text = large_file("INSERT INTO events VALUES (1, 'x') RETURNING;\n");
  const ParsedFile parsed = parse(text);
  ASSERT_EQ(parsed.errors().size(), 1U);
  EXPECT_EQ(parsed.errors()[0].offset, text.find("RETURNING;") + 9);
  EXPECT_EQ(parsed.rejected().size(), 1U);
}

TEST(BulkInsert, SemanticHashSeesRowsNotSpacing) {
  const std::string text = large_file("");
  std::string spaced = text;
  for (size_t at = spaced.find("VALUES ("); at != std::string::npos; at = spaced.find("VALUES (", at + 12)) {
    spaced.replace(at, 8, "VALUES\n  (");
  }
  std::string edited = text;
  edited.replace(edited.find("'row; 1234'"), 11, "'row; 1235'");
  const auto hash = [](const std::string& sql) { return semantic_hash(canonical_statements(parse(sql), sql)); };
  EXPECT_EQ(hash(text), hash(spaced));
  EXPECT_NE(hash(text), hash(edited));
}

}  // namespace
}  // namespace miglint
