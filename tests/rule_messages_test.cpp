// Messages name the table and column and the lock; help texts give the safe steps with the real
// names, quoted where SQL needs it.
#include <gtest/gtest.h>

#include "tests/test_support.hpp"

namespace miglint {
namespace {

struct Expectation {
  std::string sql;
  std::string rule;
  std::vector<std::string> in_message;
  std::vector<std::string> in_help;
};

void PrintTo(const Expectation& e, std::ostream* out) { *out << e.rule; }

class RuleMessage : public ::testing::TestWithParam<Expectation> {};

TEST_P(RuleMessage, NamesObjectsLocksAndSafeSteps) {
  const Expectation& e = GetParam();
  const LintResult result = test::lint_text(e.sql);
  const Diagnostic* found = nullptr;
  for (const Diagnostic& d : result.results[0].diagnostics) {
    if (d.rule == e.rule) found = &d;
  }
  ASSERT_NE(found, nullptr) << e.sql;
  for (const std::string& part : e.in_message) EXPECT_NE(found->message.find(part), std::string::npos) << found->message;
  for (const std::string& part : e.in_help) EXPECT_NE(found->help.find(part), std::string::npos) << found->help;
}

INSTANTIATE_TEST_SUITE_P(
    Rules, RuleMessage,
    ::testing::Values(
        Expectation{"ALTER TABLE \"Document\" ALTER COLUMN \"createdAt\" SET NOT NULL;",
                    "adding-not-nullable-field",
                    {"`Document.createdAt`", "ACCESS EXCLUSIVE"},
                    {"ALTER TABLE \"Document\" ADD CONSTRAINT \"Document_createdAt_not_null\" CHECK (\"createdAt\" IS NOT NULL) NOT VALID;",
                     "VALIDATE CONSTRAINT", "SET NOT NULL"}},
        Expectation{"ALTER TABLE billing.invoices ADD COLUMN paid_at timestamptz NOT NULL;",
                    "adding-required-field",
                    {"`paid_at`", "`billing.invoices`"},
                    {"ALTER TABLE billing.invoices ADD COLUMN paid_at timestamptz NOT NULL DEFAULT"}},
        Expectation{"ALTER TABLE users DROP COLUMN legacy;",
                    "ban-drop-column",
                    {"`legacy`", "`users`", "ACCESS EXCLUSIVE"},
                    {"`users.legacy`", "ALTER TABLE users DROP COLUMN legacy;"}},
        Expectation{"ALTER TABLE events ALTER COLUMN id TYPE bigint;",
                    "changing-column-type",
                    {"`events.id`", "bigint", "ACCESS EXCLUSIVE", "does not show the current type"},
                    {"ALTER TABLE events ADD COLUMN id_new bigint;", "backfill"}},
        Expectation{"BEGIN;\nDROP DATABASE scratch;\nCOMMIT;",
                    "ban-concurrent-index-creation-in-transaction",
                    {"DROP DATABASE cannot run inside a transaction block"},
                    {}},
        Expectation{"BEGIN;\nCREATE SUBSCRIPTION feed CONNECTION 'host=p' PUBLICATION orders;\nCOMMIT;",
                    "ban-concurrent-index-creation-in-transaction",
                    {"CREATE SUBSCRIPTION (creating its replication slot) cannot run inside a transaction block"},
                    {}},
        Expectation{"BEGIN;\nALTER SUBSCRIPTION feed ADD PUBLICATION refunds;\nCOMMIT;",
                    "ban-concurrent-index-creation-in-transaction",
                    {"ALTER SUBSCRIPTION refreshing its publications cannot run inside a transaction block"},
                    {}},
        Expectation{"CREATE UNIQUE INDEX users_email_key ON users (email);",
                    "require-concurrent-index-creation",
                    {"`users_email_key`", "`users`", "SHARE lock"},
                    {"CREATE UNIQUE INDEX CONCURRENTLY"}},
        Expectation{"ALTER TABLE orders ADD CONSTRAINT orders_c_fk FOREIGN KEY (c_id) REFERENCES \"Customers\" (id);",
                    "adding-foreign-key-constraint",
                    {"`orders_c_fk`", "`orders`", "`Customers`", "SHARE ROW EXCLUSIVE"},
                    {"ALTER TABLE orders ADD CONSTRAINT orders_c_fk FOREIGN KEY (c_id) REFERENCES \"Customers\" (id) NOT VALID;",
                     "ALTER TABLE orders VALIDATE CONSTRAINT orders_c_fk;"}},
        Expectation{"CREATE TABLE orders (id int, customer_id int REFERENCES customers (id));",
                    "require-foreign-key-index",
                    {"`orders_customer_id_fkey`", "`orders`", "(customer_id)", "`customers`"},
                    {"CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);"}}));

}  // namespace
}  // namespace miglint

namespace miglint {
namespace {

// A statement inside a DO body cannot be rewritten on its own (CONCURRENTLY fails inside DO):
// its findings carry no fix, while the same statement at top level does.
TEST(RuleMessage, StatementsInDoBlocksGetNoFix) {
  const LintResult top = test::lint_text("DROP INDEX users_email_idx;");
  const LintResult inside = test::lint_text("DO $$ BEGIN DROP INDEX users_email_idx; END $$;");
  auto finding = [](const LintResult& result) -> const Diagnostic* {
    for (const Diagnostic& d : result.results[0].diagnostics) {
      if (d.rule == "require-concurrent-index-deletion") return &d;
    }
    return nullptr;
  };
  ASSERT_NE(finding(top), nullptr);
  ASSERT_NE(finding(inside), nullptr);
  EXPECT_TRUE(finding(top)->fix.has_value());
  EXPECT_FALSE(finding(inside)->fix.has_value());
}

}  // namespace
}  // namespace miglint
