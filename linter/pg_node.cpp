#include "linter/pg_node.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>

namespace miglint {

std::string_view string_value(const PgQuery__Node* node) {
  if (node == nullptr || node->node_case != PG_QUERY__NODE__NODE_STRING || node->string == nullptr) {
    return {};
  }
  return node->string->sval;
}

std::vector<std::string> string_list(std::span<PgQuery__Node* const> nodes) {
  std::vector<std::string> out;
  out.reserve(nodes.size());
  for (const PgQuery__Node* node : nodes) {
    out.emplace_back(string_value(node));
  }
  return out;
}

std::string QualifiedName::display() const { return schema == "public" ? name : schema + "." + name; }

std::string QualifiedName::sql() const {
  return schema == "public" ? quote_identifier(name) : quote_identifier(schema) + "." + quote_identifier(name);
}

QualifiedName relation_name(const PgQuery__RangeVar* relation) {
  if (relation == nullptr) {
    return {"public", ""};
  }
  const std::string_view schema = relation->schemaname;
  return {schema.empty() ? "public" : std::string(schema), relation->relname};
}

namespace {

// Internal names that PostgreSQL's grammar already produces, mapped to how people write them.
const std::map<std::string, std::string, std::less<>>& display_names() {
  static const std::map<std::string, std::string, std::less<>> names = {
      {"int2", "smallint"},       {"int4", "integer"},     {"int8", "bigint"},
      {"float4", "real"},         {"float8", "double precision"}, {"bool", "boolean"},
      {"bpchar", "char"},         {"timestamptz", "timestamptz"}, {"timestamp", "timestamp"},
      {"varchar", "varchar"},     {"timetz", "timetz"},    {"varbit", "varbit"},
  };
  return names;
}

// Pseudo-types that only exist in CREATE/ALTER TABLE and stand for an integer plus a sequence.
std::string_view serial_base(std::string_view name) {
  if (name == "serial" || name == "serial4") return "int4";
  if (name == "bigserial" || name == "serial8") return "int8";
  if (name == "smallserial" || name == "serial2") return "int2";
  return {};
}

}  // namespace

std::string ColumnType::display() const {
  const auto known = display_names().find(name);
  std::string out = known != display_names().end() ? known->second : name;
  if (!modifiers.empty()) {
    out += "(";
    for (size_t i = 0; i < modifiers.size(); ++i) {
      out += (i == 0 ? "" : ",") + std::to_string(modifiers[i]);
    }
    out += ")";
  }
  return is_array ? out + "[]" : out;
}

ColumnType column_type(const PgQuery__TypeName* type_name) {
  ColumnType type;
  if (type_name == nullptr) {
    return type;
  }
  std::vector<std::string> names = string_list(items(type_name->names, type_name->n_names));
  if (!names.empty()) {
    type.name = names.back();
    // `public.x` is the `x` an unqualified name finds on the default search_path.
    if (names.size() > 2 || (names.size() == 2 && names.front() != "pg_catalog" && names.front() != "public")) {
      type.name = join(names, ".");
    }
  }
  if (const std::string_view base = serial_base(type.name); !base.empty()) {
    type.name = base;
  }
  for (const PgQuery__Node* mod : items(type_name->typmods, type_name->n_typmods)) {
    if (mod->node_case == PG_QUERY__NODE__NODE_A_CONST && mod->a_const->val_case == PG_QUERY__A__CONST__VAL_IVAL) {
      type.modifiers.push_back(mod->a_const->ival->ival);
    }
  }
  type.is_array = type_name->n_array_bounds > 0;
  return type;
}

std::optional<std::string> not_null_check_column(const PgQuery__Constraint* constraint) {
  if (constraint == nullptr || constraint->contype != PG_QUERY__CONSTR_TYPE__CONSTR_CHECK) {
    return std::nullopt;
  }
  const PgQuery__Node* expr = constraint->raw_expr;
  if (expr == nullptr || expr->node_case != PG_QUERY__NODE__NODE_NULL_TEST ||
      expr->null_test->nulltesttype != PG_QUERY__NULL_TEST_TYPE__IS_NOT_NULL) {
    return std::nullopt;
  }
  const PgQuery__Node* arg = expr->null_test->arg;
  if (arg == nullptr || arg->node_case != PG_QUERY__NODE__NODE_COLUMN_REF || arg->column_ref->n_fields != 1) {
    return std::nullopt;
  }
  const std::string_view column = string_value(arg->column_ref->fields[0]);
  if (column.empty()) {
    return std::nullopt;
  }
  return std::string(column);
}

std::string unquote_identifier(std::string_view token) {
  if (token.size() < 2 || token.front() != '"' || token.back() != '"') return std::string(token);
  std::string out(token.substr(1, token.size() - 2));
  for (size_t pos = out.find("\"\""); pos != std::string::npos; pos = out.find("\"\"", pos + 1)) out.erase(pos, 1);
  return out;
}

std::string identifier_name(std::string_view token) {
  if (token.size() >= 2 && token.front() == '"' && token.back() == '"') return unquote_identifier(token);
  std::string out(token);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string quote_identifier(std::string_view name) {
  const bool plain = !name.empty() && (std::islower(static_cast<unsigned char>(name[0])) || name[0] == '_') &&
                     std::all_of(name.begin(), name.end(), [](char c) {
                       const auto u = static_cast<unsigned char>(c);
                       return std::islower(u) || std::isdigit(u) || c == '_' || c == '$';
                     });
  if (plain) {
    return std::string(name);
  }
  std::string out = "\"";
  for (const char c : name) {
    out += c;
    if (c == '"') {
      out += '"';
    }
  }
  return out + "\"";
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) {
      out += separator;
    }
    out += parts[i];
  }
  return out;
}

}  // namespace miglint
