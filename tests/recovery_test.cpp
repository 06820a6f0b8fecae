// What a statement in newer syntax (rejected by miglint's grammar) does to the schema, recovered
// from its tokens. The statements use PostgreSQL 18 syntax (or a stand-in, `WITH SOMETHING NEW`),
// so every grammar miglint builds with (15 on Debian, 16 on Ubuntu, 17 from npm) rejects them.
#include <gtest/gtest.h>

#include <pg_query.h>

#include "linter/recovery.hpp"
#include "tests/test_support.hpp"

namespace miglint::test {
namespace {

RecoveredEffect recovered(const std::string& sql) {
  const ParsedFile parsed = ParsedFile::parse(sql, {0, static_cast<uint32_t>(sql.size())});
  EXPECT_EQ(parsed.rejected().size(), 1U) << sql;
  if (parsed.rejected().empty()) return {};
  return recover_effect(sql, parsed.rejected()[0].tokens);
}

constexpr const char* kVirtualColumn = "(a int, b int GENERATED ALWAYS AS (a * 2) VIRTUAL)";  // PostgreSQL 18

TEST(Recovery, CreateTableInNewerSyntax) {
  const RecoveredEffect table = recovered(std::string("CREATE TABLE IF NOT EXISTS app.\"Totals\" ") + kVirtualColumn + ";");
  EXPECT_EQ(table.kind, RecoveredEffect::Kind::create_table);
  EXPECT_EQ(table.name.key(), "app.Totals");
  const RecoveredEffect as = recovered(
      "CREATE UNLOGGED TABLE imported AS SELECT * FROM t WITH SOMETHING NEW;");
  EXPECT_EQ(as.kind, RecoveredEffect::Kind::create_table);
  EXPECT_EQ(as.name.key(), "public.imported");
}

TEST(Recovery, IndexesDropsAndRenames) {
  const RecoveredEffect index = recovered(
      "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS totals_b ON ONLY app.totals (b) WHERE b > 0 WITH SOMETHING NEW;");
  EXPECT_EQ(index.kind, RecoveredEffect::Kind::create_index);
  EXPECT_EQ(index.name.key(), "app.totals_b");
  EXPECT_EQ(index.table.key(), "app.totals");

  const RecoveredEffect dropped = recovered("DROP TABLE IF EXISTS a, s.\"B\" CASCADE WITH SOMETHING NEW;");
  EXPECT_EQ(dropped.kind, RecoveredEffect::Kind::drop);
  EXPECT_EQ(dropped.object, "table");
  ASSERT_EQ(dropped.dropped.size(), 2U);
  EXPECT_EQ(dropped.dropped[1].key(), "s.B");

  const RecoveredEffect renamed = recovered("ALTER TABLE ONLY old_name RENAME TO new_name WITH SOMETHING NEW;");
  EXPECT_EQ(renamed.kind, RecoveredEffect::Kind::rename);
  EXPECT_EQ(renamed.object, "table");
  EXPECT_EQ(renamed.to, "new_name");

  const RecoveredEffect column = recovered("ALTER TABLE t RENAME COLUMN \"Old\" TO fresh WITH SOMETHING NEW;");
  EXPECT_EQ(column.kind, RecoveredEffect::Kind::rename_column);
  EXPECT_EQ(column.from, "Old");
  EXPECT_EQ(column.to, "fresh");

  const RecoveredEffect added = recovered("ALTER TABLE t ADD COLUMN b int GENERATED ALWAYS AS (a * 2) VIRTUAL;");
  EXPECT_EQ(added.kind, RecoveredEffect::Kind::add_column);
  EXPECT_EQ(added.to, "b");
}

TEST(Recovery, OtherStatementsRecoverNothing) {
  EXPECT_EQ(recovered("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE RETURNING WITH (OLD AS o) o.id;").kind,
            RecoveredEffect::Kind::none);
  EXPECT_EQ(recovered("CREATE INDEX ON WITH SOMETHING NEW;").kind, RecoveredEffect::Kind::none);
}

// The catalog after a rejected CREATE TABLE: the table exists, is new in its migration, and its
// columns are unknown; the syntax error says which grammar miglint parses with.
TEST(Recovery, TheCatalogAndTheMessage) {
  const LintResult result = lint_texts(
      {{"001_create.sql", std::string("CREATE TABLE totals ") + kVirtualColumn + ";\n"
                          "ALTER TABLE totals ADD COLUMN label text NOT NULL;\n"},
       {"002_later.sql", "ALTER TABLE totals ADD COLUMN note text NOT NULL;\n"}});
  EXPECT_EQ(rule_ids(result), (std::vector<std::string>{"syntax-error", "adding-required-field"}))
      << "the table is new in 001 (no finding there) and holds data in 002";
  const Diagnostic& error = result.results[0].diagnostics[0];
  EXPECT_NE(error.message.find(std::string("miglint parses with the PostgreSQL ") + PG_MAJORVERSION +
                               " grammar; the statement may be valid on a newer server"),
            std::string::npos)
      << error.message;
}

}  // namespace
}  // namespace miglint::test
