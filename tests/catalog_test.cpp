#include <gtest/gtest.h>

#include "linter/catalog.hpp"
#include "linter/parse.hpp"

namespace miglint {
namespace {

void replay_onto(Catalog& catalog, const std::string& sql) {
  static std::vector<std::unique_ptr<std::string>> keep_alive;  // statements point into the text
  keep_alive.push_back(std::make_unique<std::string>(sql));
  static std::vector<ParsedFile> parsed;
  parsed.push_back(ParsedFile::parse(*keep_alive.back(), {0, static_cast<uint32_t>(keep_alive.back()->size())}));
  for (const Statement& stmt : parsed.back().statements()) {
    catalog.apply(stmt, {0, 0});
  }
}

Catalog replay(const std::string& sql) {
  Catalog catalog;
  replay_onto(catalog, sql);
  return catalog;
}

// The replay keeps copies of the catalog (before each up, for its down): a write to one copy,
// in either direction, must never show in the other.
TEST(Catalog, CopiesAreIndependent) {
  const Catalog original = replay(R"(
    CREATE TABLE t (id int PRIMARY KEY, a int);
    CREATE TABLE u (t_id int REFERENCES t (id));
    CREATE INDEX t_a_idx ON t (a);
    CREATE TYPE mood AS ENUM ('ok');
  )");
  Catalog changed = original;
  replay_onto(changed, R"(
    ALTER TABLE t ADD COLUMN b int NOT NULL, ALTER COLUMN a SET NOT NULL;
    ALTER TABLE t RENAME COLUMN a TO a2;
    ALTER TABLE t RENAME TO t2;
    ALTER INDEX t_a_idx RENAME TO t_a2_idx;
    ALTER TYPE mood RENAME TO feeling;
    DROP TABLE u;
  )");
  Catalog later = changed;
  replay_onto(later, "DROP TABLE t2; CREATE TABLE t (x text);");

  // The original is as it was.
  ASSERT_NE(original.table({"public", "t"}), nullptr);
  EXPECT_EQ(original.table({"public", "t"})->columns.size(), 2U);
  EXPECT_FALSE(original.column({"public", "t"}, "a")->not_null);
  EXPECT_NE(original.table({"public", "u"}), nullptr);
  EXPECT_EQ(original.table({"public", "u"})->constraints.at(0).referenced_table.name, "t");
  EXPECT_TRUE(original.indexes().contains("public.t_a_idx"));
  EXPECT_EQ(original.indexes().find("public.t_a_idx")->table_key, "public.t");
  EXPECT_NE(original.object("type", {"public", "mood"}), nullptr);
  EXPECT_EQ(original.gone("table", {"public", "t"}), nullptr);
  // The first copy has its own changes, and not the second copy's.
  EXPECT_EQ(changed.table({"public", "t"}), nullptr);
  ASSERT_NE(changed.table({"public", "t2"}), nullptr);
  EXPECT_TRUE(changed.column({"public", "t2"}, "a2")->not_null);
  EXPECT_EQ(changed.table({"public", "t2"})->columns.size(), 3U);
  EXPECT_EQ(changed.table({"public", "u"}), nullptr);
  EXPECT_EQ(changed.indexes().find("public.t_a2_idx")->table_key, "public.t2");
  EXPECT_EQ(changed.indexes().find("public.t_a2_idx")->columns, std::vector<std::string>{"a2"});
  EXPECT_NE(changed.object("type", {"public", "feeling"}), nullptr);
  EXPECT_NE(changed.gone("table", {"public", "t"}), nullptr);
  EXPECT_EQ(later.table({"public", "t2"}), nullptr);
  EXPECT_FALSE(later.indexes().contains("public.t_a2_idx"));
  EXPECT_EQ(later.column({"public", "t"}, "x")->type.name, "text");
}

TEST(Catalog, TracksColumnsTypesAndNullability) {
  const Catalog catalog = replay(R"(
    CREATE TABLE app.users (id serial PRIMARY KEY, email varchar(50) NOT NULL, age int);
    ALTER TABLE app.users ALTER COLUMN email TYPE varchar(120), ALTER COLUMN age SET NOT NULL;
    ALTER TABLE app.users RENAME COLUMN age TO years;
  )");
  const QualifiedName users{"app", "users"};
  ASSERT_NE(catalog.table(users), nullptr);
  EXPECT_EQ(catalog.column(users, "email")->type.display(), "varchar(120)");
  EXPECT_TRUE(catalog.column(users, "years")->not_null);
  EXPECT_EQ(catalog.column(users, "age"), nullptr);
  EXPECT_EQ(catalog.column(users, "id")->type.display(), "integer");
  EXPECT_TRUE(catalog.column(users, "id")->has_default);
  EXPECT_NE(catalog.index_covering("app.users", {"id"}), nullptr);
}

TEST(Catalog, IndexesFollowRenamesAndDrops) {
  const Catalog catalog = replay(R"(
    CREATE TABLE orders (id bigint, customer_id bigint, note text);
    CREATE INDEX orders_customer_idx ON orders (customer_id, id);
    CREATE INDEX orders_note_idx ON orders (note);
    ALTER TABLE orders RENAME TO purchases;
    ALTER TABLE purchases DROP COLUMN note;
  )");
  EXPECT_EQ(catalog.table({"public", "orders"}), nullptr);
  EXPECT_NE(catalog.index_covering("public.purchases", {"customer_id"}), nullptr);
  EXPECT_NE(catalog.index_covering("public.purchases", {"id", "customer_id"}), nullptr);
  EXPECT_EQ(catalog.index_covering("public.purchases", {"id"}), nullptr);
  EXPECT_FALSE(catalog.indexes().contains("public.orders_note_idx"));
  const Catalog dropped = replay("CREATE TABLE t (id int); CREATE INDEX t_idx ON t (id); DROP TABLE t;");
  EXPECT_TRUE(dropped.tables().empty());
  EXPECT_TRUE(dropped.indexes().empty());
}

TEST(Catalog, ValidatedNotNullChecks) {
  const Catalog pending = replay("ALTER TABLE users ADD CONSTRAINT c CHECK (email IS NOT NULL) NOT VALID;");
  EXPECT_FALSE(pending.has_validated_not_null_check({"public", "users"}, "email"));
  const Catalog validated = replay(
      "ALTER TABLE users ADD CONSTRAINT c CHECK (email IS NOT NULL) NOT VALID;"
      "ALTER TABLE users VALIDATE CONSTRAINT c;");
  EXPECT_TRUE(validated.has_validated_not_null_check({"public", "users"}, "email"));
  const Catalog other = replay("ALTER TABLE users ADD CONSTRAINT c CHECK (email <> '');");
  EXPECT_FALSE(other.has_validated_not_null_check({"public", "users"}, "email"));
}

TEST(Catalog, ForeignKeysRecordColumnsAndGeneratedNames) {
  const Catalog catalog = replay("CREATE TABLE orders (id int, customer_id int REFERENCES customers (id));");
  const CatalogTable* orders = catalog.table({"public", "orders"});
  ASSERT_NE(orders, nullptr);
  ASSERT_EQ(orders->constraints.size(), 1U);
  EXPECT_EQ(orders->constraints[0].name, "orders_customer_id_fkey");
  EXPECT_EQ(orders->constraints[0].columns, std::vector<std::string>{"customer_id"});
  EXPECT_EQ(orders->constraints[0].referenced_table.name, "customers");
}

}  // namespace
}  // namespace miglint
