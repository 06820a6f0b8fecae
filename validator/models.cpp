#include "validator/models.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

#include "linter/error.hpp"
#include "linter/parse.hpp"
#include "validator/diesel_schema.hpp"
#include "validator/drizzle_snapshot.hpp"
#include "validator/prisma.hpp"

namespace miglint::validate {

namespace fs = std::filesystem;

namespace {

// pg_dump output holds psql meta-commands (\connect, \restrict): blank them out, keeping every
// offset, so the SQL around them parses and positions stay right.
std::string without_psql_meta_commands(std::string_view text) {
  std::string out(text);
  size_t line = 0;
  while (line < out.size()) {
    size_t end = out.find('\n', line);
    if (end == std::string::npos) end = out.size();
    const size_t first = out.find_first_not_of(" \t", line);
    if (first < end && out[first] == '\\') {
      std::fill(out.begin() + static_cast<std::ptrdiff_t>(first), out.begin() + static_cast<std::ptrdiff_t>(end), ' ');
    }
    line = end + 1;
  }
  return out;
}

ModelLoad load_snapshot_model(const SourceFile& file) {
  try {
    const nlohmann::json document = nlohmann::json::parse(file.text());
    if (document.value("version", 0) != 1 || !document.contains("objects")) {
      return {ScriptFailure{0, "not a miglint schema snapshot (expected {\"version\": 1, \"objects\": {...}})"}, {}};
    }
    return {std::nullopt, document.at("objects").get<Snapshot>()};
  } catch (const nlohmann::json::exception& error) {
    const auto* parse = dynamic_cast<const nlohmann::json::parse_error*>(&error);
    return {ScriptFailure{parse != nullptr ? static_cast<uint32_t>(parse->byte > 0 ? parse->byte - 1 : 0) : 0, error.what()},
            {}};
  }
}

// DDL translated from a model, loaded into a scratch database and read back. Errors name the
// generated statement: offsets into the DDL mean nothing in the model's file.
ModelLoad load_generated(Server& server, const SourceFile& model, const std::string& sql, Strictness strictness,
                         const std::vector<const ExtensionStandIn*>& stubs) {
  ExtensionStubs stand_ins{stubs, {}};
  Connection model_db = server.scratch("models");
  create_stand_ins(server, PQdb(model_db.get()), stubs);
  const ParsedFile parsed = ParsedFile::parse(sql, {0, static_cast<uint32_t>(sql.size())});
  const SourceFile generated(model.path() + " (as DDL)", sql);
  const std::optional<ScriptFailure> failure =
      parsed.errors().empty() ? apply_script(model_db.get(), generated, parsed, TransactionMode::none, Nesting::top_level,
                                             nullptr, 0, &stand_ins)
                              : std::optional(ScriptFailure{0, parsed.errors()[0].message});
  if (failure) {
    const std::string statement(generated.slice(generated.lines().line_range(generated.position(failure->offset).line)));
    return {ScriptFailure{0, fmt::format("{} (in the DDL generated for `{}`)", failure->message, statement)}, {}};
  }
  return {std::nullopt, take_snapshot(model_db.get(), strictness)};
}

// Every file of a Prisma schema, translated together.
ModelLoad load_prisma_model(Server& server, const std::vector<const SourceFile*>& files, Strictness strictness,
                            const std::vector<const ExtensionStandIn*>& stubs) {
  std::vector<std::string_view> texts;
  for (const SourceFile* file : files) texts.push_back(file->text());
  const PrismaDdl ddl = prisma_to_ddl(texts);
  if (!ddl.error.empty()) {
    ModelLoad load{ScriptFailure{ddl.error_offset, ddl.error}, {}};
    load.failure_file = ddl.error_file;
    return load;
  }
  ModelLoad load = load_generated(server, *files.front(), ddl.sql, strictness, stubs);
  load.language = "Prisma schema";
  load.locations = ddl.locations;
  load.view_queries_known = false;
  if (strictness != Strictness::all) {
    // What Prisma means by its schema: enums as sets of labels, and only what it can express.
    load.enum_order_matters = false;
    load.describes = prisma_describes;
  }
  return load;
}

// drizzle-kit's picture of the schema: compared on what a snapshot can hold.
ModelLoad load_drizzle_model(Server& server, const SourceFile& file, Strictness strictness,
                             const std::vector<const ExtensionStandIn*>& stubs) {
  const DrizzleDdl ddl = drizzle_snapshot_to_ddl(file.text());
  if (!ddl.error.empty()) return {ScriptFailure{ddl.error_offset, ddl.error}, {}};
  ModelLoad load = load_generated(server, file, ddl.sql, strictness, stubs);
  load.language = "drizzle-kit snapshot";
  if (strictness != Strictness::all) load.describes = drizzle_describes;
  return load;
}

// A line of `patched`'s original at `offset` of `unpatched`: where the same line is in the file.
uint32_t offset_in(std::string_view original, std::string_view unpatched, uint32_t offset) {
  if (original.size() == unpatched.size() && original == unpatched) return offset;
  size_t end = unpatched.find('\n', offset);
  if (end == std::string_view::npos) end = unpatched.size();
  const size_t found = original.find(unpatched.substr(offset, end - offset));
  return found == std::string_view::npos ? 0 : static_cast<uint32_t>(found);
}

// diesel's schema.rs, compared with what print-schema would print from the migrated database,
// under the diesel.toml that governs it (schema, filter, column_sorting, patch_file).
ModelLoad load_diesel_model(const SourceFile& file) {
  DieselSettings settings;
  try {
    settings = diesel_settings_for(file.path());
  } catch (const Error& error) {
    return {ScriptFailure{0, error.what()}, {}};
  }
  std::string printed(file.text());
  if (settings.patch) {
    const std::optional<std::string> unpatched = without_patch(file.text(), *settings.patch);
    if (!unpatched) {
      return {ScriptFailure{0, "diesel.toml's patch_file does not match this schema.rs (its new lines are not here), "
                               "so what print-schema printed before the patch cannot be recovered"}, {}};
    }
    printed = *unpatched;
  }
  DieselSchema schema = read_diesel_schema(printed);
  if (!schema.error.empty()) return {ScriptFailure{offset_in(file.text(), printed, schema.error_offset), schema.error}, {}};
  for (DieselTable& table : schema.tables) {
    table.offset = offset_in(file.text(), printed, table.offset);
    for (DieselColumn& column : table.columns) column.offset = offset_in(file.text(), printed, column.offset);
  }
  for (DieselJoinable& join : schema.joinables) join.offset = offset_in(file.text(), printed, join.offset);
  ModelLoad load;
  load.language = "diesel schema.rs";
  load.regenerate = "Run `diesel print-schema` (`diesel migration run` does it too) to regenerate it, or add the migration "
                    "that it expects.";
  load.compare_live = [written = std::move(schema), settings](PGconn* migrated) {
    std::vector<ModelDifference> out;
    for (const DieselDifference& difference :
         diesel_differences(written, diesel_schema_of(migrated, settings), settings.with_docs)) {
      out.push_back({difference.offset, difference.message});
    }
    return out;
  };
  return load;
}

ModelLoad load_sql_model(Server& server, const SourceFile& file, Strictness strictness,
                         const std::vector<const ExtensionStandIn*>& stubs) {
  ExtensionStubs stand_ins{stubs, {}};
  Connection model_db = server.scratch("models");
  create_stand_ins(server, PQdb(model_db.get()), stubs);
  const std::string sql = without_psql_meta_commands(file.text());
  const ParsedFile model_sql = ParsedFile::parse(sql, {bom_length(sql), static_cast<uint32_t>(sql.size())});
  const std::optional<ScriptFailure> failure =
      model_sql.errors().empty() ? apply_script(model_db.get(), file, model_sql, TransactionMode::none, Nesting::top_level,
                                                nullptr, 0, &stand_ins)
                                 : std::optional(ScriptFailure{model_sql.errors()[0].offset, model_sql.errors()[0].message});
  if (failure) return {failure, {}};
  return {std::nullopt, take_snapshot(model_db.get(), strictness)};
}

// `view public.v` -> `public.v`; nothing for keys that are not relations.
std::optional<std::string> relation_name(const std::string& key) {
  for (const std::string_view kind : {"table ", "view ", "materialized view ", "sequence ", "foreign table "}) {
    if (key.starts_with(kind)) return key.substr(kind.size());
  }
  return std::nullopt;
}

// The relation an object belongs to: `column public.v.x` -> `public.v`; an index's from the
// `ON` of its definition (quotes removed, as keys carry bare names).
std::string owning_relation(const std::string& key, const std::string& definition) {
  if (key.starts_with("index ")) {
    size_t on = definition.find(" ON ");
    if (on == std::string::npos) return "";
    on += 4;
    if (definition.compare(on, 5, "ONLY ") == 0) on += 5;
    std::string name = definition.substr(on, definition.find(' ', on) - on);
    std::erase(name, '"');
    return name;
  }
  for (const std::string_view kind : {"column ", "constraint ", "trigger ", "policy "}) {
    if (key.starts_with(kind)) {
      const std::string rest = key.substr(kind.size());
      return rest.substr(0, rest.rfind('.'));
    }
  }
  return "";
}

// Prisma's folder layout: schema.prisma (if any) first, so the schema's own findings land there.
std::vector<fs::path> prisma_files_in(const fs::path& folder) {
  std::vector<fs::path> files;
  std::error_code error;
  for (fs::recursive_directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
    if (it->is_regular_file(error) && it->path().extension() == ".prisma") files.push_back(it->path());
  }
  if (error) throw Error(fmt::format("--models {}: cannot list it: {}", folder.string(), error.message()));
  std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) {
    const bool a_main = a.filename() == "schema.prisma";
    const bool b_main = b.filename() == "schema.prisma";
    return a_main != b_main ? a_main : a < b;
  });
  if (files.empty()) {
    throw Error(fmt::format("--models {}: a folder is read as a Prisma multi-file schema, and it has no .prisma file",
                            folder.string()));
  }
  return files;
}

}  // namespace

std::vector<std::vector<fs::path>> model_groups(const std::vector<fs::path>& models) {
  std::vector<std::vector<fs::path>> groups;
  std::vector<fs::path> prisma;
  for (const fs::path& model : models) {
    std::error_code error;
    if (fs::is_directory(model, error)) {
      for (fs::path& file : prisma_files_in(model)) prisma.push_back(std::move(file));
    } else if (model.extension() == ".prisma") {
      prisma.push_back(model);
    } else {
      groups.push_back({model});
    }
  }
  // One Prisma schema, wherever its files were named.
  if (!prisma.empty()) groups.insert(groups.begin(), prisma);
  return groups;
}

ModelLoad load_model(Server& server, const std::vector<const SourceFile*>& files, Strictness strictness,
                     const std::vector<const ExtensionStandIn*>& stubs) {
  const SourceFile& file = *files.front();
  if (file.path().ends_with(".prisma")) return load_prisma_model(server, files, strictness, stubs);
  if (file.path().ends_with(".rs")) return load_diesel_model(file);
  if (file.path().ends_with(".json")) {
    return is_drizzle_snapshot(file.text()) ? load_drizzle_model(server, file, strictness, stubs) : load_snapshot_model(file);
  }
  return load_sql_model(server, file, strictness, stubs);
}

void create_stand_ins(Server& server, const std::string& database, const std::vector<const ExtensionStandIn*>& stubs) {
  for (const ExtensionStandIn* stub : stubs) {
    try {
      server.run_as_admin(database, std::string(stub->create_sql));
    } catch (const ServerError& error) {
      throw Error(fmt::format("--stub-extension {}: cannot create the stand-in (this needs a superuser on the server): {}",
                              stub->name, error.what()));
    }
  }
}

ModelLocation location_in_model(const std::map<std::string, ModelLocation>& locations, const std::string& key,
                                const Snapshot& expected, const Snapshot& actual) {
  if (const auto exact = locations.find(key); exact != locations.end()) return exact->second;
  std::string definition;
  if (const auto in_model = expected.find(key); in_model != expected.end()) {
    definition = in_model->second;
  } else if (const auto migrated = actual.find(key); migrated != actual.end()) {
    definition = migrated->second;
  }
  const std::string relation = owning_relation(key, definition);
  for (const char* kind : {"table ", "view "}) {
    if (const auto owner = locations.find(kind + relation); !relation.empty() && owner != locations.end()) return owner->second;
  }
  return {};
}

std::vector<std::string> adopt_view_queries(Snapshot& expected, Snapshot& actual) {
  std::set<std::string> views;
  for (auto& [key, definition] : expected) {
    if (!key.starts_with("view ")) continue;
    const auto migrated = actual.find(key);
    if (migrated == actual.end()) continue;
    definition = migrated->second;
    views.insert(key.substr(5));
  }
  std::vector<std::string> omitted;
  for (const auto& [key, definition] : actual) {
    if (key.starts_with("column ") && !expected.contains(key) && views.contains(owning_relation(key, definition))) {
      omitted.push_back(key);
    }
  }
  for (const std::string& key : omitted) actual.erase(key);
  return omitted;
}

std::vector<std::string> take_undescribed(Snapshot& actual, const Snapshot& expected, Describes describes) {
  std::vector<std::string> listed;
  std::set<std::string> relations;  // listed relations: their parts go with them, unnamed
  for (const auto& [key, definition] : actual) {
    if (expected.contains(key) || describes(key, definition)) continue;
    listed.push_back(key);
    if (const auto name = relation_name(key)) relations.insert(*name);
  }
  std::vector<std::string> parts;
  for (const auto& [key, definition] : actual) {
    if (!expected.contains(key) && relations.contains(owning_relation(key, definition))) parts.push_back(key);
  }
  for (const std::string& key : listed) actual.erase(key);
  for (const std::string& key : parts) actual.erase(key);
  constexpr std::string_view kRowLevelSecurity = " row level security";
  for (auto& [key, definition] : actual) {
    const auto model = expected.find(key);
    if (!key.starts_with("table ") || model == expected.end() || definition != model->second + std::string(kRowLevelSecurity)) {
      continue;
    }
    const std::string what = "row level security on " + key.substr(6);
    if (describes(what, "")) continue;
    listed.push_back(what);
    definition = model->second;
  }
  return listed;
}

}  // namespace miglint::validate
