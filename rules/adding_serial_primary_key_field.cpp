#include <fmt/format.h>

#include "linter/rule_registry.hpp"
#include "rules/ast_helpers.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "adding-serial-primary-key-field",
    .summary = "ADD PRIMARY KEY without USING INDEX builds the index under ACCESS EXCLUSIVE",
    .default_severity = Severity::error,
    .category = RuleCategory::locking,
};

class AddingSerialPrimaryKeyField final : public Rule {
 public:
  explicit AddingSerialPrimaryKeyField(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    for_each_command_on_existing_table(stmt, ctx, [&](const QualifiedName& table, const AlterCommand& command) {
      const PgQuery__Constraint* primary = nullptr;
      if (const PgQuery__Constraint* constraint = added_constraint(*command.cmd);
          constraint != nullptr && constraint->contype == PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY && *constraint->indexname == '\0') {
        primary = constraint;
      } else if (const PgQuery__ColumnDef* column = added_column(*command.cmd); column != nullptr) {
        for (const PgQuery__Node* node : items(column->constraints, column->n_constraints)) {
          if (node->constraint->contype == PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY) primary = node->constraint;
        }
      }
      if (primary == nullptr) return;
      ctx.report(diagnostic(command.range,
                            fmt::format("adding a primary key to `{}` builds its index while holding an ACCESS EXCLUSIVE "
                                        "lock, and first checks every key column for NULLs: all reads and writes wait",
                                        table.display()),
                            fmt::format("Make the columns NOT NULL the safe way, build `CREATE UNIQUE INDEX CONCURRENTLY "
                                        "{0}_pkey ON {1} (...)`, then `ALTER TABLE {1} ADD CONSTRAINT {0}_pkey PRIMARY KEY "
                                        "USING INDEX {0}_pkey;`.",
                                        table.name, table.sql())));
    });
  }
};

}  // namespace

void register_adding_serial_primary_key_field(RuleRegistry& registry) { registry.add<AddingSerialPrimaryKeyField>(kInfo); }

}  // namespace miglint
