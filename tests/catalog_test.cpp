#include <gtest/gtest.h>

#include "linter/catalog.hpp"
#include "linter/parse.hpp"

namespace miglint {
namespace {

Catalog replay(const std::string& sql) {
  static std::vector<std::string> keep_alive;  // statements point into the text
  keep_alive.push_back(sql);
  static std::vector<ParsedFile> parsed;
  parsed.push_back(ParsedFile::parse(keep_alive.back(), {0, static_cast<uint32_t>(keep_alive.back().size())}));
  Catalog catalog;
  for (const Statement& stmt : parsed.back().statements()) {
    catalog.apply(stmt, {0, 0});
  }
  return catalog;
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
  EXPECT_EQ(catalog.indexes().count("public.orders_note_idx"), 0U);
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
