#include "validator/diesel_schema.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <utility>

#include "linter/error.hpp"
#include "linter/source_file.hpp"
#include "linter/text.hpp"
#include "validator/pq.hpp"

namespace miglint::validate {

namespace fs = std::filesystem;

namespace {

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
  table.rust_name = name;
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


// `diesel::joinable!(posts -> users (user_id));` lines, their Rust names mapped to SQL names.
void read_joinables(const std::string& text, DieselSchema& schema) {
  static const std::regex joinable(R"(joinable!\s*\(\s*([A-Za-z0-9_.]+)\s*->\s*([A-Za-z0-9_.]+)\s*\(\s*([A-Za-z0-9_]+)\s*\)\s*\))");
  const auto table_named = [&](std::string rust) -> const DieselTable* {
    if (const size_t dot = rust.rfind('.'); dot != std::string::npos) rust = rust.substr(dot + 1);
    for (const DieselTable& table : schema.tables) {
      if (table.rust_name == rust) return &table;
    }
    return nullptr;
  };
  for (auto it = std::sregex_iterator(text.begin(), text.end(), joinable); it != std::sregex_iterator(); ++it) {
    const DieselTable* child = table_named((*it)[1].str());
    const DieselTable* parent = table_named((*it)[2].str());
    DieselJoinable join{child ? child->name : (*it)[1].str(), parent ? parent->name : (*it)[2].str(), (*it)[3].str(),
                        static_cast<uint32_t>(it->position(0))};
    if (child != nullptr) {
      for (const DieselColumn& column : child->columns) {
        if (column.rust_name == join.column) join.column = column.name;
      }
    }
    // The line's start, where a finding's caret belongs (`diesel::` included).
    const size_t line_start = text.rfind('\n', join.offset);
    join.offset = static_cast<uint32_t>(text.find_first_not_of(" \t", line_start == std::string::npos ? 0 : line_start + 1));
    schema.joinables.push_back(std::move(join));
  }
}

// A doc comment print-schema generates when the object has no COMMENT: it says nothing.
bool is_generated_doc(const std::optional<std::string>& doc) {
  return doc && doc->ends_with("(Automatically generated by Diesel.)");
}

// A COMMENT as print-schema prints it: each line trimmed. No comment reads as "" (PostgreSQL
// stores no empty comment: `COMMENT ... IS ''` drops it).
std::optional<std::string> comment_as_doc(const std::string& comment) {
  if (comment.empty()) return std::nullopt;
  std::string out;
  size_t start = 0;
  while (start <= comment.size()) {
    size_t end = comment.find('\n', start);
    if (end == std::string::npos) end = comment.size();
    out += (start == 0 ? "" : "\n") + trimmed(std::string_view(comment).substr(start, end - start));
    start = end + 1;
  }
  return out;
}

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
    std::optional<std::string> doc;
    while (at < all.size()) {
      size_t end = all.find('\n', at);
      if (end == std::string::npos) end = all.size();
      const std::string line = trimmed(std::string_view(all).substr(at, end - at));
      const auto offset = static_cast<uint32_t>(at + all.substr(at, end - at).find_first_not_of(" \t"));
      at = end + 1;
      if (line.starts_with("///")) {
        // print-schema writes each line of a COMMENT trimmed, after `/// ` (`///` when empty).
        doc = (doc ? *doc + "\n" : "") + trimmed(line.substr(3));
        continue;
      }
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
        table->doc = std::exchange(doc, std::nullopt);
      } else if (table && line.find("->") != std::string::npos) {
        const std::string rust = trimmed(line.substr(0, line.find("->")));
        table->columns.push_back(column_of(line, offset, sql_name, max_length));
        table->columns.back().rust_name = rust;
        table->columns.back().doc = std::exchange(doc, std::nullopt);
        sql_of_rust[rust] = table->columns.back().name;
      } else {
        schema.error = fmt::format("cannot read this line of a `table!` block: `{}`", line);
        schema.error_offset = offset;
        return schema;
      }
    }
  }
  read_joinables(all, schema);
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
  // `with_docs = true`, or the name of a doc config: every one but "no-doc-comments" prints COMMENTs.
  if (const auto flag = (*section)["with_docs"].value<bool>()) settings.with_docs = *flag;
  if (const auto mode = (*section)["with_docs"].value<std::string>()) settings.with_docs = *mode != "no-doc-comments";
  if (const auto patch = (*section)["patch_file"].value<std::string>()) {
    settings.patch = read_source_file((toml_path->parent_path() / *patch).string())->text();
  }
  return settings;
}

namespace {

std::vector<DieselTable> printed_tables(PGconn* conn, const DieselSettings& settings) {
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
                                        "COALESCE(c.character_maximum_length::text, ''), "
                                        "col_description(format('%I.%I', c.table_schema, c.table_name)::regclass, c.ordinal_position::int), "
                                        "obj_description(format('%I.%I', c.table_schema, c.table_name)::regclass, 'pg_class') "
                                        "FROM information_schema.columns c "
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
    table.doc = comment_as_doc(row[6]);
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
    column.doc = comment_as_doc(row[5]);
    table.columns.push_back(column);
  }
  std::vector<DieselTable> out;
  for (auto& [_, table] : tables) out.push_back(std::move(table));
  return out;
}

// The foreign keys print-schema prints as `joinable!` (diesel_cli's rules): between two different
// printed tables, over one column, referencing the parent's one-column primary key, and not
// between a pair of tables that more than one foreign key links (in either direction).
std::vector<DieselJoinable> printed_joinables(PGconn* conn, const std::string& schema, const std::vector<DieselTable>& tables) {
  struct ForeignKey {
    std::string child, parent, column, referenced;
    size_t columns;
  };
  std::vector<ForeignKey> keys;
  for (const auto& row : rows(conn, fmt::format(
                                        "SELECT ch.relname, pa.relname, cardinality(con.conkey), "
                                        "(SELECT attname FROM pg_attribute WHERE attrelid = con.conrelid AND attnum = con.conkey[1]), "
                                        "(SELECT attname FROM pg_attribute WHERE attrelid = con.confrelid AND attnum = con.confkey[1]) "
                                        "FROM pg_constraint con JOIN pg_class ch ON ch.oid = con.conrelid "
                                        "JOIN pg_class pa ON pa.oid = con.confrelid JOIN pg_namespace n ON n.oid = ch.relnamespace "
                                        "JOIN pg_namespace pn ON pn.oid = pa.relnamespace "
                                        "WHERE con.contype = 'f' AND n.nspname = {0} AND pn.nspname = {0} ORDER BY ch.relname, con.conname",
                                        quote_literal(conn, schema)))) {
    keys.push_back({row[0], row[1], row[3], row[4], static_cast<size_t>(std::stoul(row[2]))});
  }
  std::map<std::pair<std::string, std::string>, int> links;  // unordered table pair -> foreign keys
  for (const ForeignKey& key : keys) ++links[std::minmax(key.child, key.parent)];
  std::map<std::string, const DieselTable*> printed;
  for (const DieselTable& table : tables) printed[table.name] = &table;
  std::vector<DieselJoinable> out;
  for (const ForeignKey& key : keys) {
    const auto parent = printed.find(key.parent);
    if (key.child == key.parent || !printed.contains(key.child) || parent == printed.end() || key.columns != 1 ||
        parent->second->primary_key != std::vector<std::string>{key.referenced} || links[std::minmax(key.child, key.parent)] > 1) {
      continue;
    }
    out.push_back({key.child, key.parent, key.column, 0});
  }
  return out;
}

}  // namespace

DieselSchema diesel_schema_of(PGconn* conn, const DieselSettings& settings) {
  DieselSchema schema;
  schema.tables = printed_tables(conn, settings);
  schema.joinables = printed_joinables(conn, settings.schema.empty() ? "public" : settings.schema, schema.tables);
  return schema;
}

namespace {

// A doc comment for messages: its first line, quoted, or "none".
std::string describe_doc(const std::optional<std::string>& doc) {
  if (!doc) return "none";
  const std::string first = doc->substr(0, doc->find('\n'));
  return fmt::format("\"{}{}\"", first, first.size() < doc->size() ? " ..." : "");
}

// What schema.rs says a COMMENT is: its doc comment, unless print-schema generated that text.
std::optional<std::string> written_comment(const std::optional<std::string>& doc) {
  return is_generated_doc(doc) ? std::nullopt : doc;
}

void doc_difference(const std::optional<std::string>& written, const std::optional<std::string>& comment, uint32_t offset,
                    const std::string& what, std::vector<DieselDifference>& out) {
  if (written_comment(written) == comment) return;
  out.push_back({offset, fmt::format("the doc comment of {} is {} in schema.rs, and its COMMENT is {} after the migrations "
                                     "(with_docs prints the COMMENT)",
                                     what, describe_doc(written_comment(written)), describe_doc(comment))});
}

// One table that both sides have: its key, columns, their types, order and doc comments.
void table_differences(const DieselTable& table, const DieselTable& actual, bool with_docs, std::vector<DieselDifference>& out) {
  if (table.primary_key != actual.primary_key) {
    out.push_back({table.offset, fmt::format("table `{}` has primary key ({}) in schema.rs, ({}) after the migrations",
                                             qualified(table), joined(table.primary_key), joined(actual.primary_key))});
  }
  if (with_docs) doc_difference(table.doc, actual.doc, table.offset, fmt::format("table `{}`", qualified(table)), out);
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
    if (with_docs) {
      doc_difference(column.doc, match->second->doc, column.offset, fmt::format("column `{}.{}`", qualified(table), column.name),
                     out);
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

// `joinable!` lines, between tables both sides have (a missing or extra table is its own finding).
void joinable_differences(const DieselSchema& written, const DieselSchema& printed, std::vector<DieselDifference>& out) {
  std::map<std::string, uint32_t> on_both;  // table -> its offset in schema.rs
  for (const DieselTable& table : written.tables) {
    for (const DieselTable& actual : printed.tables) {
      if (actual.name == table.name) on_both[table.name] = table.offset;
    }
  }
  const auto same = [](const DieselJoinable& a, const DieselJoinable& b) {
    return a.child == b.child && a.parent == b.parent && a.column == b.column;
  };
  for (const DieselJoinable& join : written.joinables) {
    if (!on_both.contains(join.child) || !on_both.contains(join.parent)) continue;
    if (std::none_of(printed.joinables.begin(), printed.joinables.end(), [&](const DieselJoinable& p) { return same(p, join); })) {
      out.push_back({join.offset, fmt::format("schema.rs joins `{}` to `{}` on `{}`, and print-schema would not print this "
                                              "joinable! now (no such single-column foreign key to its primary key, or "
                                              "more than one foreign key links the two tables)",
                                              join.child, join.parent, join.column)});
    }
  }
  for (const DieselJoinable& join : printed.joinables) {
    if (!on_both.contains(join.child) || !on_both.contains(join.parent)) continue;
    if (std::none_of(written.joinables.begin(), written.joinables.end(), [&](const DieselJoinable& w) { return same(w, join); })) {
      out.push_back({on_both[join.child], fmt::format("schema.rs lacks `diesel::joinable!({} -> {} ({}));`, which print-schema "
                                                      "prints for the foreign key the migrations create",
                                                      join.child, join.parent, join.column)});
    }
  }
}

}  // namespace

std::vector<DieselDifference> diesel_differences(const DieselSchema& written, const DieselSchema& printed, bool with_docs) {
  std::vector<DieselDifference> out;
  std::map<std::string, const DieselTable*> now;
  for (const DieselTable& table : printed.tables) now[table.name] = &table;
  std::set<std::string> seen;
  for (const DieselTable& table : written.tables) {
    seen.insert(table.name);
    const auto found = now.find(table.name);
    if (found == now.end()) {
      out.push_back({table.offset, fmt::format("schema.rs has table `{}`, which print-schema would not print now (the "
                                               "migrations do not create it, or it has no primary key)", qualified(table))});
      continue;
    }
    table_differences(table, *found->second, with_docs, out);
  }
  for (const DieselTable& table : printed.tables) {
    if (!seen.contains(table.name)) {
      out.push_back({0, fmt::format("table `{}` is missing from schema.rs (print-schema would print it)", qualified(table))});
    }
  }
  joinable_differences(written, printed, out);
  return out;
}

}  // namespace miglint::validate
