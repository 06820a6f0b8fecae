#include <fmt/format.h>

#include "rules/ast_helpers.hpp"
#include "linter/rule_registry.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "adding-not-nullable-field",
    .summary = "SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock",
    .default_severity = Severity::error,
    .category = RuleCategory::locking,
};

// From PostgreSQL 12, SET NOT NULL skips its scan when a validated CHECK (col IS NOT NULL) proves it.
constexpr int kCheckSkipsScanSince = 12;
// PostgreSQL 18 takes `ADD CONSTRAINT ... NOT NULL col NOT VALID` and validates it without blocking writes.
constexpr int kNotNullNotValidSince = 18;

class AddingNotNullableField final : public Rule {
 public:
  explicit AddingNotNullableField(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    for_each_command_on_existing_table(stmt, ctx, [&](const QualifiedName& table, const AlterCommand& command) {
      if (command.cmd->subtype != PG_QUERY__ALTER_TABLE_TYPE__AT_SetNotNull) {
        return;
      }
      const std::string column = command.cmd->name;
      const CatalogColumn* current = ctx.catalog().column(table, column);
      if (current != nullptr && current->not_null) {
        return;  // already NOT NULL: PostgreSQL does nothing
      }
      if (ctx.pg_version() >= kCheckSkipsScanSince && ctx.catalog().has_validated_not_null_check(table, column)) {
        return;
      }
      ctx.report(with_effect(PredictedEffect::Kind::scan, table, diagnostic(command.range,
                            fmt::format("setting `{0}.{1}` NOT NULL scans every row of `{0}` while holding an ACCESS "
                                        "EXCLUSIVE lock: all reads and writes of `{0}` wait until the scan is done",
                                        table.display(), column),
                            help(ctx, table, column))));
    });
  }

 private:
  static std::string help(const Context& ctx, const QualifiedName& table, const std::string& column) {
    if (ctx.pg_version() < kCheckSkipsScanSince) {
      return fmt::format(
          "PostgreSQL {} has no lock-free way to do this: keep `{}` nullable and enforce it with "
          "`ALTER TABLE {} ADD CONSTRAINT {} CHECK ({} IS NOT NULL) NOT VALID;` plus a separate VALIDATE, or run "
          "SET NOT NULL in a quiet window with a short lock_timeout.",
          ctx.pg_version(), column, table.sql(), quote_identifier(table.name + "_" + column + "_not_null"),
          quote_identifier(column));
    }
    const std::string check = quote_identifier(table.name + "_" + column + "_not_null");
    const std::string col = quote_identifier(column);
    if (ctx.pg_version() >= kNotNullNotValidSince) {
      return fmt::format(
          "On PostgreSQL {3}, add the constraint without the scan: `ALTER TABLE {0} ADD CONSTRAINT {1} NOT NULL {2} NOT "
          "VALID;` (new rows are checked at once), then, in a separate migration, `ALTER TABLE {0} VALIDATE "
          "CONSTRAINT {1};`, which scans under SHARE UPDATE EXCLUSIVE while writes continue.",
          table.sql(), check, col, ctx.pg_version());
    }
    return fmt::format(
        "Prove it first, without blocking writes: `ALTER TABLE {0} ADD CONSTRAINT {1} CHECK ({2} IS NOT NULL) NOT "
        "VALID;` then, in a separate migration, `ALTER TABLE {0} VALIDATE CONSTRAINT {1};` (SHARE UPDATE EXCLUSIVE, "
        "writes continue). After that `ALTER TABLE {0} ALTER COLUMN {2} SET NOT NULL;` skips the scan, and "
        "`ALTER TABLE {0} DROP CONSTRAINT {1};` removes the helper.",
        table.sql(), check, col);
  }
};

}  // namespace

void register_adding_not_nullable_field(RuleRegistry& registry) { registry.add<AddingNotNullableField>(kInfo); }

}  // namespace miglint
