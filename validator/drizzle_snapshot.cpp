#include "validator/drizzle_snapshot.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace miglint::validate {

namespace {

using nlohmann::json;

// A member that may be missing, as a reference that outlives the loop over it (json::value()
// returns a temporary, and items() of a temporary dangles in a range-for).
const json& member(const json& object, const char* key) {
  static const json empty = json::object();
  const auto found = object.find(key);
  return found != object.end() ? *found : empty;
}

std::string quote_ident(const std::string& name) { return "\"" + name + "\""; }

// `"schema"."name"`; drizzle-kit writes an empty schema for public.
std::string qualified(const json& object, const std::string& name) {
  const std::string schema = object.value("schema", "");
  return quote_ident(schema.empty() ? "public" : schema) + "." + quote_ident(name);
}

std::string quoted_list(const json& names) {
  std::string out;
  for (const json& name : names) out += (out.empty() ? "" : ", ") + quote_ident(name.get<std::string>());
  return out;
}

// A number or string field as SQL text (drizzle-kit writes sequence options as strings).
std::string text_of(const json& value) { return value.is_string() ? value.get<std::string>() : value.dump(); }

// Sequence options, in the words of CREATE SEQUENCE and of an identity column.
std::string sequence_options(const json& sequence) {
  std::string out;
  for (const auto& [field, clause] : {std::pair{"increment", "INCREMENT BY"}, {"minValue", "MINVALUE"}, {"maxValue", "MAXVALUE"},
                                      {"startWith", "START WITH"}, {"cache", "CACHE"}}) {
    if (sequence.contains(field)) out += fmt::format("{}{} {}", out.empty() ? "" : " ", clause, text_of(sequence[field]));
  }
  if (sequence.value("cycle", false)) out += " CYCLE";
  return out;
}

// A column's type: an enum's name quoted and qualified (it may be an array of it); any other type
// as drizzle-kit wrote it (`varchar(64)`, `text[]`, `timestamp with time zone`).
std::string column_type(const json& column, const json& enums) {
  std::string type = column.at("type").get<std::string>();
  std::string dimensions;
  while (type.ends_with("[]")) {
    dimensions += "[]";
    type.resize(type.size() - 2);
  }
  const std::string schema = column.value("typeSchema", "public");
  if (enums.contains(schema + "." + type)) return quote_ident(schema) + "." + quote_ident(type) + dimensions;
  return type + dimensions;
}

std::string column_definition(const json& column, const json& enums) {
  std::string out = quote_ident(column.at("name").get<std::string>()) + " " + column_type(column, enums);
  if (column.value("primaryKey", false)) out += " PRIMARY KEY";
  if (column.contains("identity")) {
    const json& identity = column["identity"];
    out += fmt::format(" GENERATED {} AS IDENTITY (sequence name {} {})",
                       identity.value("type", "always") == "always" ? "ALWAYS" : "BY DEFAULT",
                       qualified(identity, identity.value("name", "")), sequence_options(identity));
  }
  if (column.contains("generated")) out += fmt::format(" GENERATED ALWAYS AS ({}) STORED", column["generated"].value("as", ""));
  if (column.contains("default")) out += " DEFAULT " + text_of(column["default"]);
  if (column.value("notNull", false)) out += " NOT NULL";
  return out;
}

std::string table_sql(const json& table, const json& enums) {
  std::vector<std::string> lines;
  for (const auto& [_, column] : member(table, "columns").items()) lines.push_back(column_definition(column, enums));
  for (const auto& [_, key] : member(table, "compositePrimaryKeys").items()) {
    lines.push_back(fmt::format("CONSTRAINT {} PRIMARY KEY({})", quote_ident(key.at("name")), quoted_list(key.at("columns"))));
  }
  for (const auto& [_, unique] : member(table, "uniqueConstraints").items()) {
    lines.push_back(fmt::format("CONSTRAINT {} UNIQUE{}({})", quote_ident(unique.at("name")),
                                unique.value("nullsNotDistinct", false) ? " NULLS NOT DISTINCT" : "",
                                quoted_list(unique.at("columns"))));
  }
  for (const auto& [_, check] : member(table, "checkConstraints").items()) {
    lines.push_back(fmt::format("CONSTRAINT {} CHECK ({})", quote_ident(check.at("name")), check.at("value").get<std::string>()));
  }
  std::string body;
  for (size_t i = 0; i < lines.size(); ++i) body += "\t" + lines[i] + (i + 1 < lines.size() ? ",\n" : "\n");
  return fmt::format("CREATE TABLE {} (\n{});\n", qualified(table, table.at("name")), body);
}

std::string foreign_keys_sql(const json& table) {
  std::string out;
  for (const auto& [_, key] : member(table, "foreignKeys").items()) {
    const std::string schema_to = key.value("schemaTo", "");
    out += fmt::format("ALTER TABLE {} ADD CONSTRAINT {} FOREIGN KEY ({}) REFERENCES {}.{}({}) ON DELETE {} ON UPDATE {};\n",
                       qualified(table, table.at("name")), quote_ident(key.at("name")), quoted_list(key.at("columnsFrom")),
                       quote_ident(schema_to.empty() ? "public" : schema_to), quote_ident(key.at("tableTo")),
                       quoted_list(key.at("columnsTo")), key.value("onDelete", "no action"), key.value("onUpdate", "no action"));
  }
  return out;
}

// One index key: a column (quoted) or an expression (as written), its operator class, and its
// order where it is not the default.
std::string index_element(const json& element) {
  const std::string expression = element.at("expression").get<std::string>();
  std::string out = element.value("isExpression", false) ? expression : quote_ident(expression);
  if (element.contains("opclass") && element["opclass"].is_string()) out += " " + element["opclass"].get<std::string>();
  const bool ascending = element.value("asc", true);
  if (!ascending) out += " DESC";
  const std::string nulls = element.value("nulls", ascending ? "last" : "first");
  if (nulls != (ascending ? "last" : "first")) out += " NULLS " + std::string(nulls == "first" ? "FIRST" : "LAST");
  return out;
}

std::string indexes_sql(const json& table) {
  std::string out;
  for (const auto& [_, index] : member(table, "indexes").items()) {
    std::string elements;
    for (const json& element : index.at("columns")) elements += (elements.empty() ? "" : ", ") + index_element(element);
    std::string with;
    for (const auto& [option, value] : member(index, "with").items()) {
      with += (with.empty() ? "" : ", ") + option + " = " + text_of(value);
    }
    out += fmt::format("CREATE {}INDEX {} ON {} USING {} ({}){}{};\n", index.value("isUnique", false) ? "UNIQUE " : "",
                       quote_ident(index.at("name")), qualified(table, table.at("name")), index.value("method", "btree"), elements,
                       with.empty() ? "" : " WITH (" + with + ")",
                       index.contains("where") ? " WHERE " + index["where"].get<std::string>() : "");
  }
  return out;
}

std::string security_sql(const json& table) {
  const std::string name = qualified(table, table.at("name"));
  const json& policies = member(table, "policies");
  std::string out;
  if (table.value("isRLSEnabled", false) || !policies.empty()) out += fmt::format("ALTER TABLE {} ENABLE ROW LEVEL SECURITY;\n", name);
  for (const auto& [_, policy] : policies.items()) {
    std::string roles;
    for (const json& role : member(policy, "to")) {
      const std::string r = role.get<std::string>();
      roles += (roles.empty() ? "" : ", ") + (r == "public" || r == "current_user" || r == "session_user" ? r : quote_ident(r));
    }
    out += fmt::format("CREATE POLICY {} ON {} AS {} FOR {} TO {}{}{};\n", quote_ident(policy.at("name")), name,
                       policy.value("as", "PERMISSIVE"), policy.value("for", "ALL"), roles.empty() ? "public" : roles,
                       policy.contains("using") ? " USING (" + policy["using"].get<std::string>() + ")" : "",
                       policy.contains("withCheck") ? " WITH CHECK (" + policy["withCheck"].get<std::string>() + ")" : "");
  }
  return out;
}

std::string generate(const json& snapshot) {
  std::string sql;
  for (const auto& [name, _] : member(snapshot, "schemas").items()) {
    sql += fmt::format("CREATE SCHEMA IF NOT EXISTS {};\n", quote_ident(name));
  }
  const json& enums = member(snapshot, "enums");
  for (const auto& [_, type] : enums.items()) {
    std::string labels;
    for (const json& value : type.at("values")) {
      std::string escaped;
      for (const char c : value.get<std::string>()) escaped += c == '\'' ? std::string("''") : std::string(1, c);
      labels += (labels.empty() ? "'" : ", '") + escaped + "'";
    }
    sql += fmt::format("CREATE TYPE {} AS ENUM({});\n", qualified(type, type.at("name")), labels);
  }
  for (const auto& [_, sequence] : member(snapshot, "sequences").items()) {
    sql += fmt::format("CREATE SEQUENCE {} {};\n", qualified(sequence, sequence.at("name")), sequence_options(sequence));
  }
  const json& tables = member(snapshot, "tables");
  for (const auto& [_, table] : tables.items()) sql += table_sql(table, enums);
  for (const auto& [_, table] : tables.items()) sql += foreign_keys_sql(table) + indexes_sql(table) + security_sql(table);
  for (const auto& [_, view] : member(snapshot, "views").items()) {
    if (view.value("isExisting", false) || !view.contains("definition")) continue;
    sql += fmt::format("CREATE {}VIEW {} AS ({});\n", view.value("materialized", false) ? "MATERIALIZED " : "",
                       qualified(view, view.at("name")), view["definition"].get<std::string>());
  }
  return sql;
}

}  // namespace

bool is_drizzle_snapshot(std::string_view text) {
  const json document = json::parse(text, nullptr, false);
  return document.is_object() && document.value("dialect", "") == "postgresql" && document.contains("tables");
}

DrizzleDdl drizzle_snapshot_to_ddl(std::string_view text) {
  try {
    return {generate(json::parse(text)), "", 0};
  } catch (const json::parse_error& error) {
    return {"", error.what(), static_cast<uint32_t>(error.byte > 0 ? error.byte - 1 : 0)};
  } catch (const json::exception& error) {
    return {"", fmt::format("not a drizzle-kit snapshot this miglint reads: {}", error.what()), 0};
  }
}

bool drizzle_describes(const std::string& key, const std::string& /*definition*/) {
  for (const char* kind : {"function ", "procedure ", "aggregate ", "trigger ", "extension ", "domain ", "type ", "comment on "}) {
    if (key.starts_with(kind)) return false;
  }
  return true;
}

}  // namespace miglint::validate
