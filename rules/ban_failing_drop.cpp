#include <fmt/format.h>

#include <algorithm>

#include "linter/rule_registry.hpp"
#include "rules/ast_helpers.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "ban-failing-drop",
    .summary = "A DROP that PostgreSQL refuses: the object is gone, a constraint owns it, or others depend on it",
    .default_severity = Severity::error,
    .category = RuleCategory::correctness,
    .predicts_failure = true,
};

// `table`, `index`, ... for the DROP statements this rule understands.
std::optional<std::string_view> dropped_kind(PgQuery__ObjectType type) {
  switch (type) {
    case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE: return "table";
    case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX: return "index";
    case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE: return "type";
    case PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN: return "domain";
    case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW: return "view";
    case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE: return "sequence";
    default: return std::nullopt;
  }
}

bool exists(const Catalog& catalog, std::string_view kind, const QualifiedName& name) {
  if (kind == "table") return catalog.table(name) != nullptr;
  if (kind == "index") return catalog.indexes().contains(name.key());
  return catalog.object(kind, name) != nullptr;
}

// How a column's type names a user type: `mood` for public types, `app.mood` otherwise.
bool column_uses_type(const CatalogColumn& column, const QualifiedName& type) {
  return column.type.name == (type.schema == "public" ? type.name : type.key());
}

class BanFailingDrop final : public Rule {
 public:
  explicit BanFailingDrop(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    if (stmt.node->node_case == PG_QUERY__NODE__NODE_DROP_STMT) {
      check_drop(stmt, *stmt.node->drop_stmt, ctx);
      return;
    }
    const PgQuery__AlterTableStmt* alter = as_alter_table(stmt);
    if (alter == nullptr) return;
    const QualifiedName table = relation_name(alter->relation);
    for (const AlterCommand& command : alter_commands(stmt, *alter)) {
      if (command.cmd->missing_ok) continue;
      if (command.cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_DropConstraint) {
        check_drop_constraint(command, table, ctx);
      } else if (command.cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_DropColumn) {
        check_drop_column(command, table, ctx);
      }
    }
  }

 private:
  void check_drop(const Statement& stmt, const PgQuery__DropStmt& drop, const Context& ctx) const {
    const std::optional<std::string_view> kind = dropped_kind(drop.remove_type);
    if (!kind) return;
    const std::vector<QualifiedName> names = dropped_names(drop);
    for (const QualifiedName& name : names) {
      if (!exists(ctx.catalog(), *kind, name)) {
        if (!drop.missing_ok) report_missing(stmt.range, *kind, name, ctx);
        continue;
      }
      if (*kind == "index") {
        report_owned_index(stmt.range, name, ctx);
      } else if (drop.behavior != PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE) {
        report_dependents(stmt.range, *kind, name, names, ctx);
      }
    }
  }

  // An object the history dropped or renamed, or (in a down, when every statement so far is
  // understood) one it never created.
  void report_missing(TextRange range, std::string_view kind, const QualifiedName& name, const Context& ctx) const {
    if (const Tombstone* gone = ctx.catalog().gone(kind, name)) {
      const SourceFile& where = ctx.run_file(gone->origin.file);
      Diagnostic d = diagnostic(
          range,
          fmt::format("{} `{}` was {} before this statement ({}:{}), so the DROP fails with `{} \"{}\" does not exist`",
                      kind, name.display(), gone->what, where.path(), where.position(gone->origin.range.begin).line, kind,
                      name.name),
          fmt::format("Drop what the object is called now, or write `DROP {} IF EXISTS` if it may be gone on purpose.",
                      to_upper(kind)));
      d.related.push_back({where.path(), gone->origin.range, fmt::format("{} `{}` {} here", kind, name.display(), gone->what)});
      ctx.report(std::move(d));
      return;
    }
    if (ctx.direction() == Direction::down && ctx.catalog().opaque_statements() == 0) {
      ctx.report(diagnostic(range,
                            fmt::format("no migration up to this one creates {} `{}`, so this down migration fails with "
                                        "`{} \"{}\" does not exist`",
                                        kind, name.display(), kind, name.name),
                            "Drop what the up migration creates (check the name), or use IF EXISTS."));
    }
  }

  void report_owned_index(TextRange range, const QualifiedName& name, const Context& ctx) const {
    const CatalogIndex& index = *ctx.catalog().indexes().find(name.key());
    if (index.owning_constraint.empty()) return;
    const CatalogTable* owner = ctx.catalog().tables().find(index.table_key);
    const QualifiedName table = owner != nullptr ? owner->name : QualifiedName{name.schema, index.table_key};
    ctx.report(diagnostic(range,
                          fmt::format("index `{}` belongs to constraint `{}` on `{}`: DROP INDEX fails with `cannot drop "
                                      "index {} because constraint {} on table {} requires it`",
                                      name.display(), index.owning_constraint, table.display(), name.name,
                                      index.owning_constraint, table.name),
                          fmt::format("Drop the constraint instead: `ALTER TABLE {} DROP CONSTRAINT {};`", table.sql(),
                                      quote_identifier(index.owning_constraint))));
  }

  void report_dependents(TextRange range, std::string_view kind, const QualifiedName& name,
                         const std::vector<QualifiedName>& dropped_together, const Context& ctx) const {
    std::vector<std::string> dependents;
    for (const auto& [table_key, table] : ctx.catalog().tables()) {
      const std::string& key = table_key;  // clang 14 cannot capture a structured binding in a lambda
      const bool dropped_too = std::any_of(dropped_together.begin(), dropped_together.end(),
                                           [&](const QualifiedName& other) { return other.key() == key; });
      if (dropped_too && kind == "table") continue;
      if (kind == "table") {
        for (const CatalogConstraint& constraint : table.constraints) {
          if (constraint.kind == ConstraintKind::foreign_key && constraint.referenced_table.key() == name.key()) {
            dependents.push_back(fmt::format("constraint `{}` on table `{}`", constraint.name, table.name.display()));
          }
        }
      } else if (kind == "type" || kind == "domain") {
        for (const CatalogColumn& column : table.columns) {
          if (column_uses_type(column, name)) {
            dependents.push_back(fmt::format("column `{}.{}`", table.name.display(), column.name));
          }
        }
      }
    }
    if (dependents.empty()) return;
    ctx.report(diagnostic(range,
                          fmt::format("{} `{}` is still used by {}: the DROP fails with `cannot drop {} {} because other "
                                      "objects depend on it`",
                                      kind, name.display(), join(dependents), kind, name.name),
                          "Drop or change what depends on it first (in a down migration: in the reverse order of the "
                          "up), or add CASCADE if dropping those too is intended."));
  }

  void check_drop_constraint(const AlterCommand& command, const QualifiedName& table_name, const Context& ctx) const {
    const CatalogTable* table = ctx.catalog().table(table_name);
    if (table == nullptr) return;
    const std::string name = command.cmd->name;
    const bool is_constraint = std::any_of(table->constraints.begin(), table->constraints.end(),
                                           [&](const CatalogConstraint& c) { return c.name == name; });
    const auto index = ctx.catalog().indexes().find(QualifiedName{table_name.schema, name}.key());
    if (is_constraint || index == nullptr || index->table_key != table_name.key()) return;
    ctx.report(diagnostic(command.range,
                          fmt::format("`{}` is an index on `{}`, not a constraint (CREATE UNIQUE INDEX makes no "
                                      "constraint): DROP CONSTRAINT fails with `constraint \"{}\" of relation \"{}\" "
                                      "does not exist`",
                                      name, table_name.display(), name, table_name.name),
                          fmt::format("Use `DROP INDEX {};`.", QualifiedName{table_name.schema, name}.sql())));
  }

  // Only for tables whose every column the history knows, while every statement is understood.
  void check_drop_column(const AlterCommand& command, const QualifiedName& table_name, const Context& ctx) const {
    const CatalogTable* table = ctx.catalog().table(table_name);
    if (table == nullptr || !table->columns_known || table->created_in == kBeforeHistory ||
        ctx.catalog().opaque_statements() > 0 || table->column(command.cmd->name) != nullptr) {
      return;
    }
    ctx.report(diagnostic(command.range,
                          fmt::format("table `{}` has no column `{}` at this point: the ALTER TABLE fails with `column "
                                      "\"{}\" of relation \"{}\" does not exist`",
                                      table_name.display(), command.cmd->name, command.cmd->name, table_name.name),
                          "Check the column name (it may have been renamed or dropped before), or use DROP COLUMN IF EXISTS."));
  }

  static std::string to_upper(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::toupper(c); });
    return out;
  }
};

}  // namespace

void register_ban_failing_drop(RuleRegistry& registry) { registry.add<BanFailingDrop>(kInfo); }

}  // namespace miglint
