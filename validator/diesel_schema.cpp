#include "validator/diesel_schema.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "linter/error.hpp"
#include "linter/source_file.hpp"
#include "validator/pq.hpp"

namespace miglint::validate {

namespace fs = std::filesystem;

namespace {

std::string trimmed(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return "";
  return std::string(text.substr(first, text.find_last_not_of(" \t\r") - first + 1));
}

// `#[sql_name = "type"]` -> `type`; nullopt for another attribute.
std::optional<std::string> attribute_value(const std::string& line, const std::string& name) {
  const std::regex pattern("^#\\[\\s*" + name + "\\s*=\\s*\"?([^\"\\]]*)\"?\\s*\\]$");
  std::smatch match;
  if (!std::regex_match(line, match, pattern)) return std::nullopt;
  return match[1].str();
}

// Hand-written schemas use diesel's aliases; print-schema prints PostgreSQL's own type names.
std::string canonical_type(std::string type) {
  static const std::regex path("[A-Za-z_][A-Za-z0-9_]*::");
  type = std::regex_replace(type, path, "");
  std::erase_if(type, [](char c) { return c == ' ' || c == '\t'; });
  static const std::vector<std::pair<std::regex, std::string>> aliases = [] {
    std::vector<std::pair<std::regex, std::string>> out;
    for (const auto& [alias, name] :
         std::vector<std::pair<std::string, std::string>>{{"Integer", "Int4"}, {"BigInt", "Int8"}, {"SmallInt", "Int2"},
                                                          {"Float", "Float4"}, {"Double", "Float8"}, {"Boolean", "Bool"},
                                                          {"VarChar", "Varchar"}, {"Binary", "Bytea"}, {"Decimal", "Numeric"},
                                                          {"Char", "Bpchar"}, {"Tinyint", "Int2"}}) {
      out.emplace_back(std::regex("\\b" + alias + "\\b"), name);
    }
    return out;
  }();
  for (const auto& [alias, name] : aliases) type = std::regex_replace(type, alias, name);
  return type;
}

DieselColumn column_of(const std::string& line, uint32_t offset, std::optional<std::string>& sql_name,
                       std::optional<long long>& max_length) {
  const size_t arrow = line.find("->");
  DieselColumn column;
  column.name = sql_name.value_or(trimmed(line.substr(0, arrow)));
  std::string type = trimmed(line.substr(arrow + 2));
  if (type.ends_with(",")) type.pop_back();
  type = canonical_type(type);
  if (type.starts_with("Nullable<") && type.ends_with(">")) {
    column.nullable = true;
    type = type.substr(9, type.size() - 10);
  }
  column.type = type;
  column.max_length = max_length;
  column.offset = offset;
  sql_name.reset();
  max_length.reset();
  return column;
}

// `users (id) {`, `app.users (id, tenant) {`: the name and the primary key's Rust names.
DieselTable table_header(const std::string& line, uint32_t offset, std::optional<std::string>& sql_name,
                         std::vector<std::string>& primary_key_rust) {
  DieselTable table;
  const size_t paren = line.find('(');
  std::string name = trimmed(line.substr(0, paren));
  if (const size_t dot = name.find('.'); dot != std::string::npos) {
    table.schema = name.substr(0, dot);
    name = name.substr(dot + 1);
  }
  table.name = sql_name.value_or(name);
  sql_name.reset();
  primary_key_rust.clear();
  if (paren != std::string::npos) {
    const std::string keys = line.substr(paren + 1, line.find(')', paren) - paren - 1);
    size_t start = 0;
    while (start <= keys.size()) {
      size_t comma = keys.find(',', start);
      if (comma == std::string::npos) comma = keys.size();
      const std::string key = trimmed(keys.substr(start, comma - start));
      if (!key.empty()) primary_key_rust.push_back(key);
      start = comma + 1;
    }
  }
  table.offset = offset;
  return table;
}

// The header names the key by Rust names: map them to the columns' SQL names.
void resolve_primary_key(DieselTable& table, const std::vector<std::string>& rust_names,
                         const std::map<std::string, std::string>& sql_of_rust) {
  for (const std::string& rust : rust_names) {
    const auto found = sql_of_rust.find(rust);
    table.primary_key.push_back(found != sql_of_rust.end() ? found->second : rust);
  }
}

std::string describe_type(const DieselColumn& column) {
  std::string out = column.nullable ? "Nullable<" + column.type + ">" : column.type;
  if (column.max_length) out = fmt::format("{} (max_length {})", out, *column.max_length);
  return out;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

std::string qualified(const DieselTable& table) { return table.schema.empty() ? table.name : table.schema + "." + table.name; }

}  // namespace

DieselSchema read_diesel_schema(std::string_view text) {
  DieselSchema schema;
  const std::regex macro(R"((^|[^A-Za-z0-9_])table!\s*\{)");
  const std::string all(text);
  for (auto it = std::sregex_iterator(all.begin(), all.end(), macro); it != std::sregex_iterator(); ++it) {
    size_t at = static_cast<size_t>(it->position(0) + it->length(0));
    std::optional<std::string> sql_name;
    std::optional<long long> max_length;
    std::vector<std::string> primary_key_rust;
    std::map<std::string, std::string> sql_of_rust;
    std::optional<DieselTable> table;
    while (at < all.size()) {
      size_t end = all.find('\n', at);
      if (end == std::string::npos) end = all.size();
      const std::string line = trimmed(std::string_view(all).substr(at, end - at));
      const auto offset = static_cast<uint32_t>(at + all.substr(at, end - at).find_first_not_of(" \t"));
      at = end + 1;
      if (line.empty() || line.starts_with("//") || line.starts_with("use ")) continue;
      if (line.starts_with("#[")) {
        if (auto value = attribute_value(line, "sql_name")) sql_name = value;
        if (auto value = attribute_value(line, "max_length")) max_length = std::stoll(*value);
        continue;
      }
      if (line.starts_with("}")) {
        if (table) {
          resolve_primary_key(*table, primary_key_rust, sql_of_rust);
          schema.tables.push_back(std::move(*table));
        }
        break;
      }
      if (!table && line.ends_with("{")) {
        table = table_header(line, offset, sql_name, primary_key_rust);
      } else if (table && line.find("->") != std::string::npos) {
        const std::string rust = trimmed(line.substr(0, line.find("->")));
        table->columns.push_back(column_of(line, offset, sql_name, max_length));
        sql_of_rust[rust] = table->columns.back().name;
      } else {
        schema.error = fmt::format("cannot read this line of a `table!` block: `{}`", line);
        schema.error_offset = offset;
        return schema;
      }
    }
  }
  return schema;
}

std::optional<std::string> without_patch(std::string_view text, std::string_view patch) {
  std::string out(text);
  std::string old_side;
  std::string new_side;
  auto put_back = [&]() -> bool {
    if (new_side.empty() && old_side.empty()) return true;
    const size_t at = out.find(new_side);
    if (at == std::string::npos) return false;
    out.replace(at, new_side.size(), old_side);
    old_side.clear();
    new_side.clear();
    return true;
  };
  size_t start = 0;
  while (start < patch.size()) {
    size_t end = patch.find('\n', start);
    if (end == std::string_view::npos) end = patch.size();
    const std::string_view line = patch.substr(start, end - start);
    start = end + 1;
    if (line.starts_with("---") || line.starts_with("+++") || line.starts_with("diff ") || line.starts_with("index ")) continue;
    if (line.starts_with("@@")) {
      if (!put_back()) return std::nullopt;
      continue;
    }
    const std::string body = std::string(line.empty() ? line : line.substr(1)) + "\n";
    if (line.empty() || line[0] == ' ') {
      old_side += body;
      new_side += body;
    } else if (line[0] == '-') {
      old_side += body;
    } else if (line[0] == '+') {
      new_side += body;
    }
  }
  if (!put_back()) return std::nullopt;
  return out;
}

DieselSettings diesel_settings_for(const std::string& schema_rs) {
  DieselSettings settings;
  const fs::path schema_path = fs::absolute(schema_rs).lexically_normal();
  fs::path dir = schema_path.parent_path();
  std::optional<fs::path> toml_path;
  for (; !dir.empty(); dir = dir.parent_path()) {
    if (fs::exists(dir / "diesel.toml")) {
      toml_path = dir / "diesel.toml";
      break;
    }
    if (dir == dir.parent_path()) break;
  }
  if (!toml_path) return settings;
  toml::table document;
  try {
    document = toml::parse_file(toml_path->string());
  } catch (const toml::parse_error& error) {
    throw Error(fmt::format("{}:{}:{}: {}", toml_path->string(), error.source().begin.line, error.source().begin.column,
                            error.description()));
  }
  const toml::table* print_schema = document["print_schema"].as_table();
  if (print_schema == nullptr) return settings;
  // `[print_schema]` itself, or the `[print_schema.NAME]` whose `file` is this schema.rs.
  const toml::table* section = print_schema;
  print_schema->for_each([&](const toml::key&, const auto& value) {
    if constexpr (toml::is_table<decltype(value)>) {
      if (const auto file = value["file"].template value<std::string>();
          file && (toml_path->parent_path() / *file).lexically_normal() == schema_path) {
        section = &value;
      }
    }
  });
  settings.schema = (*section)["schema"].value_or(std::string());
  if (settings.schema == "public") settings.schema.clear();
  settings.sort_columns_by_name = (*section)["column_sorting"].value_or(std::string()) == "name";
  for (const auto& [key, into] : {std::pair{"only_tables", &settings.only_tables}, {"except_tables", &settings.except_tables}}) {
    if (const toml::array* patterns = (*section)["filter"][key].as_array()) {
      for (const toml::node& pattern : *patterns) {
        if (const auto text = pattern.value<std::string>()) into->emplace_back(*text);
      }
    }
  }
  if (const auto patch = (*section)["patch_file"].value<std::string>()) {
    settings.patch = read_source_file((toml_path->parent_path() / *patch).string())->text();
  }
  return settings;
}

std::vector<DieselTable> diesel_tables_of(PGconn* conn, const DieselSettings& settings) {
  const std::string schema = quote_literal(conn, settings.schema.empty() ? "public" : settings.schema);
  std::map<std::string, std::vector<std::string>> keys;
  for (const auto& row : rows(conn, fmt::format(
                                        "SELECT c.relname, a.attname FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid "
                                        "JOIN pg_namespace n ON n.oid = c.relnamespace "
                                        "CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position) "
                                        "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum "
                                        "WHERE i.indisprimary AND n.nspname = {} ORDER BY c.relname, k.position",
                                        schema))) {
    keys[row[0]].push_back(row[1]);
  }
  std::map<std::string, DieselTable> tables;
  for (const auto& row : rows(conn, fmt::format(
                                        "SELECT c.table_name, c.column_name, c.udt_name, c.is_nullable, "
                                        "COALESCE(c.character_maximum_length::text, '') FROM information_schema.columns c "
                                        "JOIN information_schema.tables t USING (table_schema, table_name) "
                                        "WHERE c.table_schema = {} AND t.table_type = 'BASE TABLE' ORDER BY c.table_name, {}",
                                        schema, settings.sort_columns_by_name ? "c.column_name" : "c.ordinal_position"))) {
    const std::string& name = row[0];
    if (!keys.contains(name) || name.starts_with("__diesel")) continue;  // print-schema skips tables without a key
    const auto allowed = [&](const std::vector<std::regex>& patterns) {
      return std::any_of(patterns.begin(), patterns.end(), [&](const std::regex& p) { return std::regex_match(name, p); });
    };
    if ((!settings.only_tables.empty() && !allowed(settings.only_tables)) || allowed(settings.except_tables)) continue;
    DieselTable& table = tables[name];
    table.name = name;
    table.schema = settings.schema;
    table.primary_key = keys[name];
    DieselColumn column;
    column.name = row[1];
    const bool array = row[2].starts_with("_");
    std::string type = array ? row[2].substr(1) : row[2];
    // heck's UpperCamelCase, as print-schema names types: `int4` -> `Int4`, `my_mood` -> `MyMood`.
    std::string camel;
    bool upper = true;
    for (const char c : type) {
      if (c == '_') {
        upper = true;
        continue;
      }
      camel += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
      upper = false;
    }
    column.type = array ? "Array<Nullable<" + camel + ">>" : camel;
    column.nullable = row[3] == "YES";
    if (!row[4].empty()) column.max_length = std::stoll(row[4]);
    table.columns.push_back(column);
  }
  std::vector<DieselTable> out;
  for (auto& [_, table] : tables) out.push_back(std::move(table));
  return out;
}

std::vector<DieselDifference> diesel_differences(const std::vector<DieselTable>& written, const std::vector<DieselTable>& printed) {
  std::vector<DieselDifference> out;
  std::map<std::string, const DieselTable*> now;
  for (const DieselTable& table : printed) now[table.name] = &table;
  std::set<std::string> seen;
  for (const DieselTable& table : written) {
    seen.insert(table.name);
    const auto found = now.find(table.name);
    if (found == now.end()) {
      out.push_back({table.offset, fmt::format("schema.rs has table `{}`, which print-schema would not print now (the "
                                               "migrations do not create it, or it has no primary key)", qualified(table))});
      continue;
    }
    const DieselTable& actual = *found->second;
    if (table.primary_key != actual.primary_key) {
      out.push_back({table.offset, fmt::format("table `{}` has primary key ({}) in schema.rs, ({}) after the migrations",
                                               qualified(table), joined(table.primary_key), joined(actual.primary_key))});
    }
    std::map<std::string, const DieselColumn*> columns;
    for (const DieselColumn& column : actual.columns) columns[column.name] = &column;
    std::vector<std::string> written_order;
    for (const DieselColumn& column : table.columns) {
      const auto match = columns.find(column.name);
      if (match == columns.end()) {
        out.push_back({column.offset, fmt::format("column `{}.{}` is in schema.rs but not in the migrated schema",
                                                  qualified(table), column.name)});
        continue;
      }
      written_order.push_back(column.name);
      if (describe_type(column) != describe_type(*match->second)) {
        out.push_back({column.offset, fmt::format("column `{}.{}` is `{}` in schema.rs, `{}` after the migrations",
                                                  qualified(table), column.name, describe_type(column),
                                                  describe_type(*match->second))});
      }
    }
    std::vector<std::string> printed_order;
    for (const DieselColumn& column : actual.columns) {
      const bool written_too = std::any_of(table.columns.begin(), table.columns.end(),
                                           [&](const DieselColumn& c) { return c.name == column.name; });
      if (!written_too) {
        out.push_back({table.offset, fmt::format("column `{}.{}` ({}) is missing from schema.rs", qualified(table),
                                                 column.name, describe_type(column))});
      } else {
        printed_order.push_back(column.name);
      }
    }
    if (printed_order != written_order) {
      out.push_back({table.offset, fmt::format("the columns of `{}` are in another order in schema.rs ({}) than "
                                               "print-schema prints them ({}); Queryable structs rely on it",
                                               qualified(table), joined(written_order), joined(printed_order))});
    }
  }
  for (const DieselTable& table : printed) {
    if (!seen.contains(table.name)) {
      out.push_back({0, fmt::format("table `{}` is missing from schema.rs (print-schema would print it)", qualified(table))});
    }
  }
  return out;
}

}  // namespace miglint::validate
