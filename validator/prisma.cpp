#include "validator/prisma.hpp"

#include <fmt/format.h>

#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "linter/pg_node.hpp"

namespace miglint::validate {

namespace {

struct ParseError {
  std::string message;
  uint32_t offset;
  size_t file = 0;
};

std::string quoted(const std::string& name) { return "\"" + name + "\""; }

// `"auth"."users"` for an object of a multiSchema schema, `"users"` otherwise.
std::string qualified(const std::string& schema, const std::string& name) {
  return schema.empty() ? quoted(name) : quoted(schema) + "." + quoted(name);
}

// ---- A small tokenizer over one block body ----------------------------------------------------

struct Line {
  std::string text;
  uint32_t offset;
};

// The lines of a model or enum body, comments removed.
std::vector<Line> body_lines(std::string_view body, uint32_t base) {
  std::vector<Line> lines;
  size_t start = 0;
  while (start <= body.size()) {
    size_t end = body.find('\n', start);
    if (end == std::string_view::npos) end = body.size();
    std::string line(body.substr(start, end - start));
    bool in_string = false;
    for (size_t i = 0; i + 1 < line.size(); ++i) {
      if (line[i] == '"' && (i == 0 || line[i - 1] != '\\')) in_string = !in_string;
      if (!in_string && line[i] == '/' && line[i + 1] == '/') {
        line.resize(i);
        break;
      }
    }
    const auto first = line.find_first_not_of(" \t\r");
    if (first != std::string::npos) {
      const auto last = line.find_last_not_of(" \t\r");
      lines.push_back({line.substr(first, last - first + 1), base + static_cast<uint32_t>(start + first)});
    }
    if (end == body.size()) break;
    start = end + 1;
  }
  return lines;
}

// Splits `a, b(c, d), [e, f]` at top-level commas.
std::vector<std::string> split_top(std::string_view text) {
  std::vector<std::string> parts;
  int depth = 0;
  bool in_string = false;
  std::string current;
  for (const char c : text) {
    if (c == '"') in_string = !in_string;
    if (!in_string && (c == '(' || c == '[')) ++depth;
    if (!in_string && (c == ')' || c == ']')) --depth;
    if (!in_string && depth == 0 && c == ',') {
      parts.push_back(current);
      current.clear();
      continue;
    }
    current += c;
  }
  if (!current.empty()) parts.push_back(current);
  for (std::string& part : parts) {
    const auto first = part.find_first_not_of(" \t");
    const auto last = part.find_last_not_of(" \t");
    part = first == std::string::npos ? "" : part.substr(first, last - first + 1);
  }
  return parts;
}

// An attribute like `@default(now())` or `@@index([a, b], map: "x")`: name and raw arguments.
struct Attribute {
  std::string name;
  std::string args;
};

// Reads attributes from `rest` (text after the field type).
std::vector<Attribute> attributes(std::string_view rest) {
  std::vector<Attribute> out;
  size_t i = 0;
  while ((i = rest.find('@', i)) != std::string_view::npos) {
    size_t j = i;
    while (j < rest.size() && rest[j] == '@') ++j;
    size_t name_end = j;
    while (name_end < rest.size() && (std::isalnum(static_cast<unsigned char>(rest[name_end])) || rest[name_end] == '.' ||
                                      rest[name_end] == '_')) {
      ++name_end;
    }
    Attribute attribute{std::string(rest.substr(i, name_end - i)), ""};
    if (name_end < rest.size() && rest[name_end] == '(') {
      int depth = 0;
      bool in_string = false;
      size_t k = name_end;
      for (; k < rest.size(); ++k) {
        if (rest[k] == '"' && rest[k - 1] != '\\') in_string = !in_string;
        if (in_string) continue;
        if (rest[k] == '(') ++depth;
        if (rest[k] == ')' && --depth == 0) break;
      }
      attribute.args = std::string(rest.substr(name_end + 1, k - name_end - 1));
      name_end = k + 1;
    }
    out.push_back(attribute);
    i = name_end;
  }
  return out;
}

// `fields: [a, b]` from `fields: [a, b], references: [id]`, or the first unnamed argument.
// Where `name: value` has its colon, outside brackets and strings (`[a(sort: Desc)]` has none).
size_t top_level_colon(const std::string& part) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < part.size(); ++i) {
    if (part[i] == '"') in_string = !in_string;
    if (in_string) continue;
    if (part[i] == '(' || part[i] == '[') ++depth;
    if (part[i] == ')' || part[i] == ']') --depth;
    if (depth == 0 && part[i] == ':') return i;
  }
  return std::string::npos;
}

std::optional<std::string> argument(const std::string& args, const std::string& name) {
  for (const std::string& part : split_top(args)) {
    const auto colon = top_level_colon(part);
    if (name.empty() && colon == std::string::npos) return part;
    if (colon != std::string::npos && part.substr(0, part.find_first_of(" :")) == name) {
      const auto value = part.find_first_not_of(" ", colon + 1);
      return part.substr(value);
    }
  }
  return std::nullopt;
}

// The field names of `[a, b(sort: Desc)]`.
std::vector<std::string> list_of(const std::string& text) {
  std::string inner = text;
  if (!inner.empty() && inner.front() == '[') inner = inner.substr(1, inner.size() - 2);
  std::vector<std::string> items;
  for (std::string item : split_top(inner)) {
    const auto paren = item.find('(');  // `title(sort: Desc)`
    if (paren != std::string::npos) item = item.substr(0, paren);
    items.push_back(item);
  }
  return items;
}

std::string unquote(const std::string& text) {
  return text.size() >= 2 && text.front() == '"' ? text.substr(1, text.size() - 2) : text;
}

// ---- The schema -------------------------------------------------------------------------------

struct Field {
  std::string name;
  std::string column;
  std::string type;
  bool optional = false;
  bool list = false;
  std::vector<Attribute> attributes;
  uint32_t offset = 0;
  size_t file = 0;  // which of the schema's files
  std::string unsupported;  // the database type of an `Unsupported("...")` field

  const Attribute* attribute(const std::string& attribute_name) const {
    for (const Attribute& a : attributes) {
      if (a.name == attribute_name) return &a;
    }
    return nullptr;
  }
};

struct Model {
  std::string name;
  std::string table;
  std::string schema;  // `@@schema("auth")` with multiSchema; empty: the default
  std::vector<Field> fields;
  std::vector<Attribute> block_attributes;
  ModelLocation at;  // its header
};

// A datasource extension: `pgcrypto`, `uuidOssp(map: "uuid-ossp")`.
struct Extension {
  std::string name;
  std::optional<std::string> schema;
};

struct Schema {
  std::map<std::string, ModelLocation> where;  // snapshot key -> the block or field that describes it
  std::vector<Model> models;
  std::vector<Model> views;  // `view` blocks (the views preview feature): columns only, no query
  std::vector<Extension> extensions;
  std::vector<std::string> schemas;  // the datasource's `schemas` (multiSchema)
  std::map<std::string, std::string> enum_schemas;  // enum name -> its `@@schema`
  std::map<std::string, std::vector<std::string>> enums;  // name -> values (mapped)
  std::map<std::string, std::string> enum_db_names;
  std::map<std::string, std::map<std::string, std::string>> enum_labels;  // name -> value -> its label (@map)
};

// A string literal in SQL.
std::string sql_literal(const std::string& text) {
  std::string escaped;
  for (const char c : text) escaped += c == '\'' ? std::string("''") : std::string(1, c);
  return "'" + escaped + "'";
}

// One value of a Prisma default in SQL: an enum value is its database label, a Prisma string a
// SQL string; numbers and booleans as written.
std::string default_value(const std::string& value, const Field& field, const Schema& schema) {
  if (const auto labels = schema.enum_labels.find(field.type); labels != schema.enum_labels.end()) {
    const auto label = labels->second.find(value);
    return sql_literal(label != labels->second.end() ? label->second : value);
  }
  if (!value.empty() && value.front() == '"') return sql_literal(unquote(value));
  return value;
}

std::string scalar_type(const Field& field, const Schema& schema) {
  if (field.type == "Unsupported") return field.unsupported;
  for (const Attribute& a : field.attributes) {
    if (a.name.starts_with("@db.")) {
      std::string native = a.name.substr(4);
      static const std::map<std::string, std::string> names = {
          {"VarChar", "VARCHAR"}, {"Char", "CHAR"}, {"Text", "TEXT"}, {"Uuid", "UUID"}, {"Timestamptz", "TIMESTAMPTZ"},
          {"Timestamp", "TIMESTAMP"}, {"Date", "DATE"}, {"Time", "TIME"}, {"Timetz", "TIMETZ"}, {"SmallInt", "SMALLINT"},
          {"Integer", "INTEGER"}, {"BigInt", "BIGINT"}, {"DoublePrecision", "DOUBLE PRECISION"}, {"Real", "REAL"},
          {"Decimal", "DECIMAL"}, {"Money", "MONEY"}, {"Inet", "INET"}, {"Citext", "CITEXT"}, {"Xml", "XML"},
          {"JsonB", "JSONB"}, {"Json", "JSON"}, {"ByteA", "BYTEA"}, {"Bit", "BIT"}, {"VarBit", "VARBIT"}, {"Oid", "OID"},
          {"Boolean", "BOOLEAN"}};
      const auto known = names.find(native);
      std::string type = known != names.end() ? known->second : native;
      if (!a.args.empty()) type += "(" + a.args + ")";
      return type;
    }
  }
  static const std::map<std::string, std::string> defaults = {
      {"String", "TEXT"},         {"Int", "INTEGER"},    {"BigInt", "BIGINT"},   {"Float", "DOUBLE PRECISION"},
      {"Decimal", "DECIMAL(65,30)"}, {"Boolean", "BOOLEAN"}, {"DateTime", "TIMESTAMP(3)"}, {"Json", "JSONB"},
      {"Bytes", "BYTEA"}};
  const auto known = defaults.find(field.type);
  if (known != defaults.end()) return known->second;
  const auto enum_schema = schema.enum_schemas.find(field.type);
  return qualified(enum_schema != schema.enum_schemas.end() ? enum_schema->second : "", schema.enum_db_names.at(field.type));
}

std::string column_definition(const Field& field, const Schema& schema) {
  std::string type = scalar_type(field, schema);
  std::string default_clause;
  if (const Attribute* d = field.attribute("@default")) {
    const std::string value = d->args;
    if (value == "autoincrement()") {
      type = type == "BIGINT" ? "BIGSERIAL" : type == "SMALLINT" ? "SMALLSERIAL" : "SERIAL";
    } else if (value == "now()") {
      default_clause = " DEFAULT CURRENT_TIMESTAMP";
    } else if (value.starts_with("dbgenerated(")) {
      const std::string expression = unquote(value.substr(12, value.size() - 13));
      if (!expression.empty()) default_clause = " DEFAULT " + expression;
    } else if (value.starts_with("uuid(") || value.starts_with("cuid(") || value.starts_with("nanoid(") ||
               value.starts_with("ulid(") || value.starts_with("sequence(")) {
      // Filled in by the Prisma client, not by the database.
    } else if (!value.empty() && value.front() == '[') {
      // `[USER]`, `["a", "b"]`, `[]`: Prisma writes ARRAY['USER']::"Role"[].
      std::vector<std::string> items;
      for (const std::string& item : split_top(value.substr(1, value.size() - 2))) {
        items.push_back(default_value(item, field, schema));
      }
      default_clause = fmt::format(" DEFAULT ARRAY[{}]::{}[]", join(items), type);
    } else {
      default_clause = " DEFAULT " + default_value(value, field, schema);
    }
  }
  // Prisma creates scalar lists as nullable arrays.
  if (field.list) type += "[]";
  const bool not_null = !field.optional && !field.list;
  return fmt::format("{} {}{}{}", quoted(field.column), type, not_null ? " NOT NULL" : "", default_clause);
}

std::string columns_sql(const std::vector<std::string>& columns) {
  std::string out;
  for (const std::string& column : columns) out += (out.empty() ? "" : ",") + quoted(column);
  return out;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : "_") + name;
  return out;
}

const Model* model_named(const Schema& schema, const std::string& name) {
  for (const Model& m : schema.models) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

std::string column_of(const Model& model, const std::string& field_name) {
  for (const Field& f : model.fields) {
    if (f.name == field_name) return f.column;
  }
  return field_name;
}

std::vector<std::string> columns_of(const Model& model, const std::vector<std::string>& field_names) {
  std::vector<std::string> out;
  for (const std::string& name : field_names) out.push_back(column_of(model, name));
  return out;
}

// Prisma names operator classes in CamelCase (`JsonbPathOps`), PostgreSQL in snake_case
// (`jsonb_path_ops`); `raw("gin_trgm_ops")` is written out.
std::string operator_class(const std::string& ops) {
  if (ops.starts_with("raw(")) return unquote(ops.substr(4, ops.size() - 5));
  std::string name = ops;
  for (const auto& [camel, joined_word] : {std::pair{"MinMax", "Minmax"}, {"TsVector", "Tsvector"}, {"BpChar", "Bpchar"}}) {
    if (const size_t at = name.find(camel); at != std::string::npos) name.replace(at, std::string_view(camel).size(), joined_word);
  }
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    if (std::isupper(c) && i > 0) out += '_';
    out += static_cast<char>(std::tolower(c));
  }
  return out;
}

// The key parts of `[title(ops: raw("gin_trgm_ops")), createdAt(sort: Desc)]`:
// `"title" gin_trgm_ops, "createdAt" DESC`.
std::string index_elements(const Model& model, const std::string& list) {
  const std::string inner = !list.empty() && list.front() == '[' ? list.substr(1, list.size() - 2) : list;
  std::string out;
  for (const std::string& item : split_top(inner)) {
    const size_t paren = item.find('(');
    std::string element = quoted(column_of(model, item.substr(0, paren)));
    if (paren != std::string::npos) {
      const std::string args = item.substr(paren + 1, item.rfind(')') - paren - 1);
      if (const auto ops = argument(args, "ops")) element += " " + operator_class(*ops);
      if (argument(args, "sort").value_or("") == "Desc") element += " DESC";
    }
    out += (out.empty() ? "" : ", ") + element;
  }
  return out;
}

// ` USING GIN` for `type: Gin`; nothing for the default B-tree.
std::string index_method(const std::string& args) {
  const auto type = argument(args, "type");
  if (!type) return "";
  std::string method;
  for (const char c : *type) method += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return " USING " + method;
}

std::string referential_action(const std::string& action) {
  static const std::map<std::string, std::string> actions = {
      {"Cascade", "CASCADE"}, {"Restrict", "RESTRICT"}, {"NoAction", "NO ACTION"}, {"SetNull", "SET NULL"},
      {"SetDefault", "SET DEFAULT"}};
  const auto found = actions.find(action);
  return found == actions.end() ? action : found->second;
}

// ---- Reading blocks ---------------------------------------------------------------------------

// Where a field's type ends: at the first blank or `@` outside parentheses and strings, so
// `Unsupported("double precision")?` is one type.
size_t type_end_at(const std::string& text, size_t start) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = start; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"' && (i == 0 || text[i - 1] != '\\')) in_string = !in_string;
    if (in_string) continue;
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (depth == 0 && (c == ' ' || c == '\t' || c == '@')) return i;
  }
  return text.size();
}

Field read_field(const Line& line, size_t file) {
  Field field;
  field.offset = line.offset;
  field.file = file;
  size_t i = line.text.find_first_of(" \t");
  field.name = line.text.substr(0, i);
  const size_t type_start = line.text.find_first_not_of(" \t", i);
  if (type_start == std::string::npos) throw ParseError{fmt::format("field `{}` has no type", field.name), line.offset, file};
  const size_t type_end = type_end_at(line.text, type_start);
  std::string type = line.text.substr(type_start, type_end - type_start);
  if (type.ends_with("?")) {
    field.optional = true;
    type.pop_back();
  }
  if (type.ends_with("[]")) {
    field.list = true;
    type.resize(type.size() - 2);
  }
  if (type.starts_with("Unsupported(") && type.ends_with(")")) {
    // A column Prisma keeps without a client type: its database type is written out.
    field.unsupported = unquote(type.substr(12, type.size() - 13));
    type = "Unsupported";
  }
  field.type = type;
  field.attributes = attributes(std::string_view(line.text).substr(type_end));
  field.column = field.name;
  if (const Attribute* map = field.attribute("@map")) field.column = unquote(argument(map->args, "").value_or(field.name));
  return field;
}

// `extensions = [pgcrypto, uuidOssp(map: "uuid-ossp", schema: "extensions")]` in a datasource.
std::vector<Extension> datasource_extensions(const std::vector<Line>& lines) {
  std::vector<Extension> out;
  for (const Line& line : lines) {
    if (!line.text.starts_with("extensions")) continue;
    const size_t equals = line.text.find('=');
    if (equals == std::string::npos) continue;
    std::string list = line.text.substr(line.text.find_first_not_of(" \t", equals + 1));
    for (const std::string& item : split_top(list.size() >= 2 && list.front() == '[' ? list.substr(1, list.size() - 2) : list)) {
      const size_t paren = item.find('(');
      Extension extension{item.substr(0, paren), std::nullopt};
      if (paren != std::string::npos) {
        const std::string args = item.substr(paren + 1, item.rfind(')') - paren - 1);
        if (const auto map = argument(args, "map")) extension.name = unquote(*map);
        if (const auto schema = argument(args, "schema")) extension.schema = unquote(*schema);
      }
      if (!extension.name.empty()) out.push_back(extension);
    }
  }
  return out;
}

// A top-level block: `model User { ... }`, `enum Role { ... }`, `datasource db { ... }`.
struct Block {
  std::string kind;
  std::string name;
  std::vector<Line> lines;
  size_t file;
  uint32_t offset;  // of its header (`model User {`)
};

// The blocks of one file of the schema.
void read_blocks(std::string_view text, size_t file, std::vector<Block>& blocks) {
  size_t at = 0;
  while (at < text.size()) {
    const size_t open = text.find('{', at);
    if (open == std::string_view::npos) break;
    size_t header_start = text.rfind('\n', open);
    header_start = header_start == std::string_view::npos ? 0 : header_start + 1;
    const std::vector<std::string> header = split_top(std::string(text.substr(header_start, open - header_start)));
    const std::string head = header.empty() ? "" : header[0];
    const auto space = head.find(' ');
    const std::string kind = head.substr(0, space);
    std::string name = space == std::string::npos ? "" : head.substr(head.find_first_not_of(' ', space));
    while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.pop_back();
    int depth = 0;
    size_t close = open;
    for (; close < text.size(); ++close) {
      if (text[close] == '{') ++depth;
      if (text[close] == '}' && --depth == 0) break;
    }
    if (close >= text.size()) throw ParseError{fmt::format("`{}` block is not closed", name), static_cast<uint32_t>(open), file};
    const size_t header_at = text.find_first_not_of(" \t", header_start);
    blocks.push_back({kind, name, body_lines(text.substr(open + 1, close - open - 1), static_cast<uint32_t>(open + 1)), file,
                      static_cast<uint32_t>(header_at < open ? header_at : open)});
    at = close + 1;
  }
}

// A `model` or `view` block: its fields and its `@@` attributes.
Model read_model(const Block& block) {
  Model model{block.name, block.name, "", {}, {}, {block.file, block.offset}};
  for (const Line& line : block.lines) {
    if (line.text.starts_with("@@")) {
      for (const Attribute& a : attributes(line.text)) model.block_attributes.push_back(a);
    } else {
      model.fields.push_back(read_field(line, block.file));
    }
  }
  for (const Attribute& a : model.block_attributes) {
    if (a.name == "@@map") model.table = unquote(argument(a.args, "").value_or(model.table));
    if (a.name == "@@schema") model.schema = unquote(argument(a.args, "").value_or(""));
  }
  return model;
}

// One schema from all its files: Prisma reads a folder of .prisma files as one schema, so a
// relation may name a model of another file.
Schema read_schema(const std::vector<std::string_view>& files) {
  Schema schema;
  std::vector<Block> blocks;
  for (size_t file = 0; file < files.size(); ++file) read_blocks(files[file], file, blocks);
  for (const Block& block : blocks) {
    if (block.kind != "datasource") continue;
    schema.extensions = datasource_extensions(block.lines);
    for (const Extension& extension : schema.extensions) schema.where["extension " + extension.name] = {block.file, block.offset};
    for (const Line& line : block.lines) {
      if (!line.text.starts_with("schemas") || line.text.find('=') == std::string::npos) continue;
      const std::string list = line.text.substr(line.text.find_first_not_of(" \t", line.text.find('=') + 1));
      for (const std::string& name : list_of(list)) schema.schemas.push_back(unquote(name));
    }
  }
  for (const Block& block : blocks) {
    if (block.kind != "enum") continue;
    std::vector<std::string> values;
    std::string db_name = block.name;
    for (const Line& line : block.lines) {
      if (line.text.starts_with("@@map")) {
        db_name = unquote(argument(attributes(line.text)[0].args, "").value_or(db_name));
        continue;
      }
      if (line.text.starts_with("@@schema")) {
        schema.enum_schemas[block.name] = unquote(argument(attributes(line.text)[0].args, "").value_or(""));
        continue;
      }
      const std::string name = line.text.substr(0, line.text.find_first_of(" \t"));
      std::string value = name;
      if (const auto map = line.text.find("@map("); map != std::string::npos) {
        value = unquote(argument(attributes(line.text.substr(map))[0].args, "").value_or(value));
      }
      values.push_back(value);
      schema.enum_labels[block.name][name] = value;
    }
    schema.enums[block.name] = values;
    schema.enum_db_names[block.name] = db_name;
    const auto enum_schema = schema.enum_schemas.find(block.name);
    schema.where[fmt::format("enum {}.{}", enum_schema != schema.enum_schemas.end() ? enum_schema->second : "public", db_name)] =
        {block.file, block.offset};
  }
  for (const Block& block : blocks) {
    if (block.kind == "model") schema.models.push_back(read_model(block));
    if (block.kind == "view") schema.views.push_back(read_model(block));
  }
  return schema;
}

bool is_scalar(const Field& field, const Schema& schema) {
  static const std::set<std::string> scalars = {"String", "Int", "BigInt", "Float", "Decimal", "Boolean", "DateTime", "Json", "Bytes", "Unsupported"};
  return scalars.contains(field.type) || schema.enums.contains(field.type) || field.attribute("@db.Text") != nullptr;
}

// The key of a relation's part in a snapshot: `column public.User.email`.
std::string key_of(const char* kind, const Model& model, const std::string& name = "") {
  return fmt::format("{} {}.{}{}", kind, model.schema.empty() ? "public" : model.schema, model.table, name.empty() ? "" : "." + name);
}

// Prisma Migrate never writes a view: the migrations do, and a `view` block only names its
// columns and their types. So each view block becomes a view of those columns, all NULL, and its
// query is not compared (ModelLoad::view_queries_known). Relation fields of a view have no column.
std::string views_sql(const Schema& schema, std::map<std::string, ModelLocation>& where) {
  std::string sql;
  for (const Model& view : schema.views) {
    std::vector<std::string> columns;
    for (const Field& field : view.fields) {
      if (is_scalar(field, schema)) {
        columns.push_back(fmt::format("NULL::{}{} AS {}", scalar_type(field, schema), field.list ? "[]" : "", quoted(field.column)));
        where[key_of("column", view, field.column)] = {field.file, field.offset};
      }
    }
    sql += fmt::format("CREATE VIEW {} AS SELECT {};\n", qualified(view.schema, view.table), join(columns));
    where[key_of("view", view)] = view.at;
  }
  return sql;
}

std::string generate(const Schema& schema, std::map<std::string, ModelLocation>& where) {
  std::string sql;
  for (const std::string& name : schema.schemas) sql += fmt::format("CREATE SCHEMA IF NOT EXISTS {};\n", quoted(name));
  for (const Extension& extension : schema.extensions) {
    // The schema clause is left out: the extension is compared by name, and the schema it
    // names may be one the model does not create.
    sql += fmt::format("CREATE EXTENSION IF NOT EXISTS {};\n", quoted(extension.name));
  }
  for (const auto& [name, values] : schema.enums) {
    std::string list;
    for (const std::string& value : values) list += (list.empty() ? "'" : ", '") + value + "'";
    const auto enum_schema = schema.enum_schemas.find(name);
    sql += fmt::format("CREATE TYPE {} AS ENUM ({});\n",
                       qualified(enum_schema != schema.enum_schemas.end() ? enum_schema->second : "", schema.enum_db_names.at(name)),
                       list);
  }
  std::string indexes;
  std::string foreign_keys;
  for (const Model& model : schema.models) {
    std::vector<std::string> lines;
    std::optional<std::vector<std::string>> primary;
    for (const Field& field : model.fields) {
      if (!is_scalar(field, schema)) {
        if (const Attribute* relation = field.attribute("@relation")) {
          const auto fields = argument(relation->args, "fields");
          const auto references = argument(relation->args, "references");
          const Model* target = model_named(schema, field.type);
          if (fields && references && target != nullptr) {
            const std::vector<std::string> from = columns_of(model, list_of(*fields));
            const std::vector<std::string> to = columns_of(*target, list_of(*references));
            bool optional = false;
            for (const std::string& f : list_of(*fields)) {
              for (const Field& candidate : model.fields) optional = optional || (candidate.name == f && candidate.optional);
            }
            const std::string on_delete = argument(relation->args, "onDelete").value_or(optional ? "SetNull" : "Restrict");
            const std::string on_update = argument(relation->args, "onUpdate").value_or("Cascade");
            const std::string name = argument(relation->args, "map").has_value()
                                         ? unquote(*argument(relation->args, "map"))
                                         : fmt::format("{}_{}_fkey", model.table, joined(from));
            where[key_of("constraint", model, name)] = {field.file, field.offset};
            foreign_keys += fmt::format("ALTER TABLE {} ADD CONSTRAINT {} FOREIGN KEY ({}) REFERENCES {}({}) ON DELETE {} ON UPDATE {};\n",
                                        qualified(model.schema, model.table), quoted(name), columns_sql(from),
                                        qualified(target->schema, target->table),
                                        columns_sql(to), referential_action(on_delete), referential_action(on_update));
          }
        }
        continue;
      }
      lines.push_back("    " + column_definition(field, schema));
      where[key_of("column", model, field.column)] = {field.file, field.offset};
      if (field.attribute("@id") != nullptr) primary = std::vector<std::string>{field.column};
      if (field.attribute("@unique") != nullptr) {
        where[fmt::format("index {}.{}_{}_key", model.schema.empty() ? "public" : model.schema, model.table, field.column)] =
            {field.file, field.offset};
        indexes += fmt::format("CREATE UNIQUE INDEX {} ON {}({});\n", quoted(fmt::format("{}_{}_key", model.table, field.column)),
                               qualified(model.schema, model.table), quoted(field.column));
      }
    }
    for (const Attribute& a : model.block_attributes) {
      const auto fields = argument(a.args, "fields").has_value() ? argument(a.args, "fields") : argument(a.args, "");
      if (!fields) continue;
      const std::vector<std::string> columns = columns_of(model, list_of(*fields));
      const auto map = argument(a.args, "map");
      if (a.name == "@@id") {
        primary = columns;
      } else if (a.name == "@@unique" || a.name == "@@index") {
        const bool unique = a.name == "@@unique";
        const std::string name = map ? unquote(*map) : fmt::format("{}_{}_{}", model.table, joined(columns), unique ? "key" : "idx");
        where[fmt::format("index {}.{}", model.schema.empty() ? "public" : model.schema, name)] = model.at;
        indexes += fmt::format("CREATE {}INDEX {} ON {}{}({});\n", unique ? "UNIQUE " : "", quoted(name),
                               qualified(model.schema, model.table),
                               index_method(a.args), index_elements(model, *fields));
      }
    }
    if (primary) {
      lines.push_back(fmt::format("    CONSTRAINT {} PRIMARY KEY ({})", quoted(model.table + "_pkey"), columns_sql(*primary)));
    }
    std::string body;
    for (size_t i = 0; i < lines.size(); ++i) body += lines[i] + (i + 1 < lines.size() ? ",\n" : "\n");
    sql += fmt::format("CREATE TABLE {} (\n{});\n", qualified(model.schema, model.table), body);
    where[key_of("table", model)] = model.at;
    where[key_of("constraint", model, model.table + "_pkey")] = model.at;
  }
  return sql + views_sql(schema, where) + indexes + foreign_keys;
}

// A partial index, an index with INCLUDE columns, or one over an expression: `@@index` can write
// none of them (pg_get_indexdef prints each element, and an expression has parentheses).
bool index_has_what_prisma_cannot_write(std::string definition) {
  if (definition.ends_with(" (INVALID)")) definition.resize(definition.size() - 10);
  if (definition.find(" WHERE ") != std::string::npos || definition.find(" INCLUDE (") != std::string::npos) return true;
  const size_t open = definition.find('(', definition.find(" ON "));
  const size_t close = definition.rfind(')');
  if (open == std::string::npos || close == std::string::npos || close <= open) return false;
  return definition.find('(', open + 1) < close;
}

}  // namespace

bool prisma_describes(const std::string& key, const std::string& definition) {
  // An extension counts when the datasource declares it; then the model has it, and this is not
  // asked. So an extension asked about is one the datasource does not declare.
  for (const char* kind : {"table ", "column ", "enum ", "schema "}) {
    if (key.starts_with(kind)) return true;
  }
  if (key.starts_with("constraint ")) {
    return definition.starts_with("PRIMARY KEY") || definition.starts_with("UNIQUE") || definition.starts_with("FOREIGN KEY");
  }
  if (key.starts_with("index ")) return !index_has_what_prisma_cannot_write(definition);
  return false;  // extensions, functions, triggers, policies, views, sequences, domains, comments, row level security
}

PrismaDdl prisma_to_ddl(const std::vector<std::string_view>& files) {
  try {
    const Schema schema = read_schema(files);
    for (const auto& [blocks, kind] : {std::pair{&schema.models, "model"}, std::pair{&schema.views, "view"}}) {
      for (const Model& model : *blocks) {
        for (const Field& field : model.fields) {
          if (!is_scalar(field, schema) && model_named(schema, field.type) == nullptr) {
            return {"", fmt::format("field `{}` of {} `{}` has unknown type `{}`", field.name, kind, model.name, field.type),
                    field.offset, field.file};
          }
        }
      }
    }
    PrismaDdl ddl;
    ddl.locations = schema.where;
    ddl.sql = generate(schema, ddl.locations);
    return ddl;
  } catch (const ParseError& error) {
    return {"", error.message, error.offset, error.file};
  } catch (const std::exception& error) {
    return {"", error.what(), 0, 0};
  }
}

}  // namespace miglint::validate
