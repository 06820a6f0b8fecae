#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "linter/rule_registry.hpp"
#include "rules/ast_helpers.hpp"

namespace miglint {
namespace {

constexpr std::string_view kOptionNames[] = {"volatile_functions"};
constexpr std::span<const std::string_view> kVolatileFunctionsOption{kOptionNames};

constexpr RuleInfo kInfo{
    .id = "adding-field-with-default",
    .summary = "ADD COLUMN with a volatile default (or stored generated, identity, serial) rewrites the table",
    .default_severity = Severity::error,
    .category = RuleCategory::locking,
    .options = kVolatileFunctionsOption,
};


// Built-in functions that are VOLATILE in pg_proc: each row gets its own value, so PostgreSQL
// must write it into every row. now(), CURRENT_TIMESTAMP and friends are STABLE: metadata only.
constexpr std::string_view kVolatile[] = {"random", "clock_timestamp", "timeofday", "gen_random_uuid", "uuid_generate_v1",
                                          "uuid_generate_v1mc", "uuid_generate_v4", "nextval", "setseed", "txid_current",
                                          "pg_current_xact_id", "random_normal", "uuidv7", "uuidv4"};

// The first volatile function call in an expression, if any.
std::optional<std::string> volatile_call(const PgQuery__Node* node, const std::vector<std::string>& extra) {
  if (node == nullptr) return std::nullopt;
  switch (node->node_case) {
    case PG_QUERY__NODE__NODE_FUNC_CALL: {
      const PgQuery__FuncCall& call = *node->func_call;
      const std::vector<std::string> name = string_list(items(call.funcname, call.n_funcname));
      if (!name.empty() && (std::find(std::begin(kVolatile), std::end(kVolatile), name.back()) != std::end(kVolatile) ||
                            std::find(extra.begin(), extra.end(), name.back()) != extra.end())) {
        return name.back() + "()";
      }
      for (const PgQuery__Node* arg : items(call.args, call.n_args)) {
        if (auto found = volatile_call(arg, extra)) return found;
      }
      return std::nullopt;
    }
    case PG_QUERY__NODE__NODE_TYPE_CAST: return volatile_call(node->type_cast->arg, extra);
    case PG_QUERY__NODE__NODE_A_EXPR: {
      if (auto found = volatile_call(node->a_expr->lexpr, extra)) return found;
      return volatile_call(node->a_expr->rexpr, extra);
    }
    case PG_QUERY__NODE__NODE_COALESCE_EXPR:
      for (const PgQuery__Node* arg : items(node->coalesce_expr->args, node->coalesce_expr->n_args)) {
        if (auto found = volatile_call(arg, extra)) return found;
      }
      return std::nullopt;
    default: return std::nullopt;
  }
}

bool is_null_constant(const PgQuery__Node* node) {
  return node != nullptr && node->node_case == PG_QUERY__NODE__NODE_A_CONST && node->a_const->isnull;
}

class AddingFieldWithDefault final : public Rule {
 public:
  explicit AddingFieldWithDefault(const RuleOptions& options) : Rule(kInfo) {
    if (const auto found = options.find("volatile_functions"); found != options.end()) extra_volatile_ = found->second;
  }

  void check(const Statement& stmt, const Context& ctx) const override {
    for_each_command_on_existing_table(stmt, ctx, [&](const QualifiedName& table, const AlterCommand& command) {
      const PgQuery__ColumnDef* column = added_column(*command.cmd);
      if (column == nullptr) return;
      const std::string reason = rewrite_reason(*column, ctx);
      if (reason.empty()) return;
      ctx.report(with_effect(PredictedEffect::Kind::rewrite, table, diagnostic(command.range,
                            fmt::format("adding `{}` to `{}` with {} rewrites the whole table while holding an ACCESS "
                                        "EXCLUSIVE lock: every read and write waits for the rewrite",
                                        column->colname, table.display(), reason),
                            fmt::format("Add the column without it (`ALTER TABLE {0} ADD COLUMN {1} ...;`), set the "
                                        "default for new rows with `ALTER TABLE {0} ALTER COLUMN {1} SET DEFAULT ...;`, "
                                        "and backfill existing rows in batches.",
                                        table.sql(), quote_identifier(column->colname)))));
    });
  }

 private:
  // Why adding this column rewrites the table (empty when it does not).
  std::string rewrite_reason(const PgQuery__ColumnDef& column, const Context& ctx) const {
    const std::string type = column.type_name != nullptr && column.type_name->n_names > 0
                                 ? std::string(string_value(column.type_name->names[column.type_name->n_names - 1]))
                                 : std::string();
    if (type.find("serial") != std::string::npos) return fmt::format("type `{}` (a sequence default)", type);
    for (const PgQuery__Node* node : items(column.constraints, column.n_constraints)) {
      const PgQuery__Constraint& constraint = *node->constraint;
      switch (constraint.contype) {
        case PG_QUERY__CONSTR_TYPE__CONSTR_IDENTITY: return "GENERATED ... AS IDENTITY";
        case PG_QUERY__CONSTR_TYPE__CONSTR_GENERATED: return "a stored generated expression";
        case PG_QUERY__CONSTR_TYPE__CONSTR_DEFAULT:
          if (is_null_constant(constraint.raw_expr)) return {};
          if (ctx.pg_version() < 11) return "a DEFAULT (before PostgreSQL 11 every default is written into each row)";
          if (auto call = volatile_call(constraint.raw_expr, extra_volatile_)) {
            return fmt::format("the volatile default `{}` (each row gets its own value)", *call);
          }
          return {};
        default: break;
      }
    }
    return {};
  }

  std::vector<std::string> extra_volatile_;
};

}  // namespace

void register_adding_field_with_default(RuleRegistry& registry) { registry.add<AddingFieldWithDefault>(kInfo); }

}  // namespace miglint
