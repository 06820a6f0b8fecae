#include <fmt/format.h>

#include "rules/ast_helpers.hpp"
#include "linter/rule_registry.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "adding-required-field",
    .summary = "ADD COLUMN ... NOT NULL without a DEFAULT fails on a table that has rows",
    .default_severity = Severity::error,
    .category = RuleCategory::correctness,
};

class AddingRequiredField final : public Rule {
 public:
  explicit AddingRequiredField(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    for_each_command_on_existing_table(stmt, ctx, [&](const QualifiedName& table, const AlterCommand& command) {
      const PgQuery__ColumnDef* column = added_column(*command.cmd);
      if (column == nullptr || !column_is_not_null(*column) || column_has_default(*column)) {
        return;
      }
      report(stmt, ctx, table, *column);
    });
  }

 private:
  void report(const Statement& stmt, const Context& ctx, const QualifiedName& table, const PgQuery__ColumnDef& column) const {
    const std::string type = column_type(column.type_name).display();
    const std::string name = quote_identifier(column.colname);
    std::string help = fmt::format(
        "Give new rows a value: `ALTER TABLE {0} ADD COLUMN {1} {2} NOT NULL DEFAULT <value>;`{3}. "
        "Or add `{1}` as nullable, deploy code that writes it, backfill existing rows in batches, "
        "then make it NOT NULL with a validated CHECK (see `miglint explain adding-not-nullable-field`).",
        table.sql(), name, type,
        ctx.pg_version() >= 11 ? " (a constant default is a metadata-only change since PostgreSQL 11)"
                               : " (before PostgreSQL 11 a default rewrites the table)");
    ctx.report(diagnostic(
        clause_at_location(stmt, column.location),
        fmt::format("column `{}` is added to existing table `{}` as NOT NULL without a DEFAULT: the ALTER TABLE "
                    "fails as soon as `{}` has a row, and code that is still running does not write `{}`",
                    column.colname, table.display(), table.display(), column.colname),
        std::move(help)));
  }
};

}  // namespace

void register_adding_required_field(RuleRegistry& registry) { registry.add<AddingRequiredField>(kInfo); }

}  // namespace miglint
