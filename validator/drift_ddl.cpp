#include "validator/drift_ddl.hpp"

#include <fmt/format.h>

#include <vector>

#include "linter/pg_node.hpp"

namespace miglint::validate {

namespace {

// `column public.users.email` -> kind "column", parts {"public", "users", "email"}.
struct Key {
  std::string kind;
  std::vector<std::string> parts;
};

Key parse_key(const std::string& key) {
  static const std::vector<std::string> kinds = {"materialized view", "foreign table", "schema", "table", "view",
                                                 "sequence", "column", "constraint", "index", "enum", "domain",
                                                 "extension", "trigger", "policy"};
  for (const std::string& kind : kinds) {
    if (key.starts_with(kind + " ")) {
      Key parsed{kind, {}};
      std::string rest = key.substr(kind.size() + 1);
      size_t start = 0;
      for (size_t dot = rest.find('.'); dot != std::string::npos; dot = rest.find('.', start)) {
        parsed.parts.push_back(rest.substr(start, dot - start));
        start = dot + 1;
      }
      parsed.parts.push_back(rest.substr(start));
      return parsed;
    }
  }
  return {"", {}};
}

std::string q(const std::string& name) { return quote_identifier(name); }
std::string qualified(const std::string& schema, const std::string& name) { return q(schema) + "." + q(name); }

// Strips the `#3 ` column-position prefix of strict snapshots.
std::string column_definition(std::string definition) {
  if (definition.starts_with("#")) definition = definition.substr(definition.find(' ') + 1);
  return definition;
}

struct ColumnParts {
  std::string type;
  std::string default_value;
  bool not_null = false;
};

ColumnParts split_column(std::string definition) {
  definition = column_definition(definition);
  ColumnParts parts;
  if (definition.ends_with(" NOT NULL")) {
    parts.not_null = true;
    definition.resize(definition.size() - 9);
  }
  const auto default_at = definition.find(" DEFAULT ");
  if (default_at != std::string::npos) {
    parts.default_value = definition.substr(default_at + 9);
    definition.resize(default_at);
  }
  parts.type = definition;
  return parts;
}

std::string alter_column(const std::string& table, const std::string& column, const std::string& from, const std::string& to) {
  const ColumnParts a = split_column(from);
  const ColumnParts b = split_column(to);
  std::vector<std::string> actions;
  const std::string c = q(column);
  if (a.type != b.type) actions.push_back(fmt::format("ALTER COLUMN {} TYPE {}", c, b.type));
  if (a.default_value != b.default_value) {
    actions.push_back(b.default_value.empty() ? fmt::format("ALTER COLUMN {} DROP DEFAULT", c)
                                              : fmt::format("ALTER COLUMN {} SET DEFAULT {}", c, b.default_value));
  }
  if (a.not_null != b.not_null) actions.push_back(fmt::format("ALTER COLUMN {} {} NOT NULL", c, b.not_null ? "SET" : "DROP"));
  if (actions.empty()) return {};
  std::string out = "ALTER TABLE " + table + " ";
  for (size_t i = 0; i < actions.size(); ++i) out += (i == 0 ? "" : ", ") + actions[i];
  return out + ";";
}

std::string create_table(const Key& key, const Snapshot& expected) {
  const std::string prefix = "column " + key.parts[0] + "." + key.parts[1] + ".";
  std::vector<std::string> columns;
  for (auto it = expected.lower_bound(prefix); it != expected.end() && it->first.starts_with(prefix); ++it) {
    const std::string name = it->first.substr(prefix.size());
    if (name.find('.') == std::string::npos) columns.push_back("  " + q(name) + " " + column_definition(it->second));
  }
  return fmt::format("CREATE TABLE {} (\n{}\n);", qualified(key.parts[0], key.parts[1]), join(columns, ",\n"));
}

bool has(const Snapshot& snapshot, const std::string& key) { return snapshot.contains(key); }

// An index that a constraint of the same name creates (primary keys, unique constraints).
bool backs_constraint(const Key& key, const Snapshot& snapshot) {
  for (const auto& [other, definition] : snapshot) {
    if (other.starts_with("constraint " + key.parts[0] + ".") && other.ends_with("." + key.parts[1])) return true;
  }
  return false;
}

}  // namespace

std::string closing_ddl(const std::string& key_text, const Snapshot& expected, const Snapshot& actual) {
  const auto want = expected.find(key_text);
  const auto have = actual.find(key_text);
  const bool missing = have == actual.end();
  const bool extra = want == expected.end();
  // Functions and procedures: the snapshot holds pg_get_functiondef, a CREATE OR REPLACE
  // statement; the key holds the signature, whose argument types may contain dots.
  for (const std::string kind : {"function ", "procedure "}) {
    if (key_text.starts_with(kind)) {
      if (extra) return fmt::format("DROP {} {};", kind == "function " ? "FUNCTION" : "PROCEDURE", key_text.substr(kind.size()));
      return want->second + (want->second.ends_with("\n") ? "" : "\n") + ";";
    }
  }
  const Key key = parse_key(key_text);
  if (key.kind.empty() || key.parts.empty()) return {};
  const std::string& schema = key.parts[0];
  if (key.kind == "schema") return missing ? fmt::format("CREATE SCHEMA {};", q(schema)) : extra ? fmt::format("DROP SCHEMA {};", q(schema)) : "";
  if (key.kind == "extension") {
    return missing ? fmt::format("CREATE EXTENSION IF NOT EXISTS {};", q(schema)) : extra ? fmt::format("DROP EXTENSION {};", q(schema)) : "";
  }
  if (key.parts.size() < 2) return {};
  const std::string object = qualified(schema, key.parts[1]);
  if (key.kind == "table") {
    return missing ? create_table(key, expected) : extra ? fmt::format("DROP TABLE {};", object) : "";
  }
  if (key.kind == "view" || key.kind == "materialized view") {
    const std::string kind = key.kind == "view" ? "VIEW" : "MATERIALIZED VIEW";
    if (extra) return fmt::format("DROP {} {};", kind, object);
    const std::string body = want->second.ends_with(";") ? want->second.substr(0, want->second.size() - 1) : want->second;
    if (missing || key.kind == "materialized view") {
      return fmt::format("{}CREATE {} {} AS{};", missing ? "" : fmt::format("DROP {} {};\n", kind, object), kind, object, body);
    }
    return fmt::format("CREATE OR REPLACE VIEW {} AS{};", object, body);
  }
  if (key.kind == "enum") {
    if (extra) return fmt::format("DROP TYPE {};", object);
    if (missing) return fmt::format("CREATE TYPE {} AS ENUM ({});", object, want->second);
    return {};  // labels cannot be removed or reordered in place
  }
  if (key.kind == "index") {
    if (backs_constraint(key, missing ? expected : actual)) return {};
    if (extra) return fmt::format("DROP INDEX {};", object);
    const std::string create = want->second.substr(0, want->second.find(" (INVALID)"));
    return missing ? create + ";" : fmt::format("DROP INDEX {};\n{};", object, create);
  }
  if (key.parts.size() < 3) return {};
  const std::string table = object;
  if (key.kind == "trigger" || key.kind == "policy") {
    // The snapshot holds the CREATE statement itself.
    const std::string drop = missing ? "" : fmt::format("DROP {} {} ON {};", key.kind == "trigger" ? "TRIGGER" : "POLICY", q(key.parts[2]), table);
    const std::string create = extra ? "" : want->second + ";";
    return drop + (drop.empty() || create.empty() ? "" : "\n") + create;
  }
  const std::string table_key = "table " + schema + "." + key.parts[1];
  if (key.kind == "column") {
    // A view's column changes with the view's query, which the view's own drift shows.
    if (!has(actual, table_key) && !has(expected, table_key)) return {};
    if ((missing && !has(actual, table_key)) || (extra && !has(expected, table_key))) return {};
    if (missing) return fmt::format("ALTER TABLE {} ADD COLUMN {} {};", table, q(key.parts[2]), column_definition(want->second));
    if (extra) return fmt::format("ALTER TABLE {} DROP COLUMN {};", table, q(key.parts[2]));
    return alter_column(table, key.parts[2], have->second, want->second);
  }
  if (key.kind == "constraint") {
    if ((missing && !has(actual, table_key)) || (extra && !has(expected, table_key))) {
      if (missing) return fmt::format("ALTER TABLE {} ADD CONSTRAINT {} {};", table, q(key.parts[2]), want->second);
      return {};
    }
    const std::string add = missing || !extra ? fmt::format("ALTER TABLE {} ADD CONSTRAINT {} {};", table, q(key.parts[2]),
                                                            want->second.substr(0, want->second.find(" (not validated)")))
                                              : "";
    const std::string drop = !missing ? fmt::format("ALTER TABLE {} DROP CONSTRAINT {};", table, q(key.parts[2])) : "";
    return drop + (drop.empty() || add.empty() ? "" : "\n") + add;
  }
  return {};
}

}  // namespace miglint::validate
