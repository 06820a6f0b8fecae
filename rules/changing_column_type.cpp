#include <fmt/format.h>

#include <algorithm>

#include "rules/ast_helpers.hpp"
#include "linter/rule_registry.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "changing-column-type",
    .summary = "ALTER COLUMN ... TYPE that makes PostgreSQL rewrite or scan the table",
    .default_severity = Severity::error,
    .category = RuleCategory::locking,
};

bool is_varchar_like(const ColumnType& type) { return type.name == "varchar" || type.name == "text"; }

// A length limit that is absent means "unlimited".
bool limit_not_smaller(const ColumnType& from, const ColumnType& to) {
  if (to.modifiers.empty()) {
    return true;
  }
  return !from.modifiers.empty() && to.modifiers[0] >= from.modifiers[0];
}

// Types whose modifier is a fractional-seconds precision.
bool is_time_with_precision(const ColumnType& type) {
  return type.name == "timestamp" || type.name == "timestamptz" || type.name == "time" || type.name == "timetz";
}

// True when PostgreSQL can change the type without touching the rows: the new type is binary
// compatible and accepts every old value (measured on PostgreSQL 15: varchar(50) -> varchar(100)
// and -> text keep the relfilenode; varchar(50) -> varchar(10) and int -> bigint rewrite).
bool is_metadata_only(const ColumnType& from, const ColumnType& to) {
  if (from.is_array != to.is_array) {
    return false;
  }
  if (from == to) {
    return true;
  }
  if (is_varchar_like(from) && to.name == "text") {
    return true;
  }
  if (is_varchar_like(from) && to.name == "varchar") {
    return from.name == "text" ? to.modifiers.empty() : limit_not_smaller(from, to);
  }
  if ((from.name == "numeric" && to.name == "numeric") || (from.name == "varbit" && to.name == "varbit")) {
    if (to.modifiers.empty()) {
      return true;
    }
    // numeric(p, s) -> numeric(p2, s) with p2 >= p keeps the scale, so no value changes.
    return from.modifiers.size() == to.modifiers.size() && limit_not_smaller(from, to) &&
           (from.modifiers.size() < 2 || from.modifiers[1] == to.modifiers[1]);
  }
  // timestamp(3) -> timestamp(6) or timestamp: every value fits (timestamp_support, time_support).
  if (from.name == to.name && is_time_with_precision(from)) {
    return limit_not_smaller(from, to);
  }
  return from.name == "cidr" && to.name == "inet";
}

// From PostgreSQL 12, timestamp -> timestamptz keeps every row when the session's time zone is
// UTC (the stored values mean the same instants), as a `SET timezone = 'UTC'` (or `SET TIME ZONE`,
// or set_config) earlier in the script makes it.
bool is_free_in_utc(const ColumnType& from, const ColumnType& to, const Context& ctx) {
  if (ctx.pg_version() < 12 || from.name != "timestamp" || to.name != "timestamptz" || from.is_array != to.is_array ||
      from.modifiers != to.modifiers) {
    return false;
  }
  std::string zone = ctx.session().get("timezone").value_or("");
  std::transform(zone.begin(), zone.end(), zone.begin(), [](unsigned char c) { return std::tolower(c); });
  return zone == "utc" || zone == "etc/utc" || zone == "gmt" || zone == "etc/gmt" || zone == "utc0" || zone == "zulu";
}

class ChangingColumnType final : public Rule {
 public:
  explicit ChangingColumnType(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    for_each_command_on_existing_table(stmt, ctx, [&](const QualifiedName& table, const AlterCommand& command) {
      const PgQuery__AlterTableCmd& cmd = *command.cmd;
      if (cmd.subtype != PG_QUERY__ALTER_TABLE_TYPE__AT_AlterColumnType || cmd.def == nullptr ||
          cmd.def->node_case != PG_QUERY__NODE__NODE_COLUMN_DEF) {
        return;
      }
      const PgQuery__ColumnDef& def = *cmd.def->column_def;
      const ColumnType to = column_type(def.type_name);
      const CatalogColumn* current = ctx.catalog().column(table, cmd.name);
      // ALTER COLUMN ... TYPE ... USING keeps the expression in raw_default.
      const bool has_using = def.raw_default != nullptr;
      if (current != nullptr && !has_using &&
          (is_metadata_only(current->type, to) || is_free_in_utc(current->type, to, ctx))) {
        return;
      }
      report(command.range, ctx, table, cmd.name, current, to);
    });
  }

 private:
  void report(TextRange range, const Context& ctx, const QualifiedName& table, const std::string& column,
              const CatalogColumn* current, const ColumnType& to) const {
    const std::string from = current != nullptr ? fmt::format("from {} ", current->type.display()) : "";
    const std::string unknown =
        current != nullptr ? ""
                           : fmt::format(" (the migration history does not show the current type of `{}`, so "
                                         "miglint assumes the worst)",
                                         column);
    const std::string tmp = quote_identifier(column + "_new");
    ctx.report(with_effect(PredictedEffect::Kind::rewrite, table, diagnostic(
        range,
        fmt::format("changing `{0}.{1}` {2}to {3} rewrites `{0}` and all its indexes while holding an ACCESS EXCLUSIVE "
                    "lock: every read and write of `{0}` waits until the rewrite is done{4}",
                    table.display(), column, from, to.display(), unknown),
        fmt::format("Change the type in steps that never lock `{0}` for long: `ALTER TABLE {3} ADD COLUMN {1} {2};`, "
                    "keep both columns in sync with a trigger, backfill `{1}` in batches, switch the application to "
                    "`{1}`, then swap the names and drop the old column in later migrations.",
                    table.display(), tmp, to.display(), table.sql()))));
  }
};

}  // namespace

void register_changing_column_type(RuleRegistry& registry) { registry.add<ChangingColumnType>(kInfo); }

}  // namespace miglint
