#include "validator/models.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "linter/parse.hpp"
#include "validator/prisma.hpp"

namespace miglint::validate {

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

ModelLoad load_prisma_model(Server& server, const SourceFile& file, Strictness strictness) {
  const PrismaDdl ddl = prisma_to_ddl(file.text());
  if (!ddl.error.empty()) return {ScriptFailure{ddl.error_offset, ddl.error}, {}};
  Connection model_db = server.scratch("models");
  const ParsedFile parsed = ParsedFile::parse(ddl.sql, {0, static_cast<uint32_t>(ddl.sql.size())});
  const SourceFile generated(file.path() + " (as DDL)", ddl.sql);
  const std::optional<ScriptFailure> failure =
      parsed.errors().empty() ? apply_script(model_db.get(), generated, parsed, TransactionMode::none)
                              : std::optional(ScriptFailure{0, parsed.errors()[0].message});
  if (failure) {
    // Offsets point into the generated DDL, not the schema file: name the statement instead.
    const std::string statement(generated.slice(generated.lines().line_range(generated.position(failure->offset).line)));
    return {ScriptFailure{0, fmt::format("{} (in the DDL generated for `{}`)", failure->message, statement)}, {}};
  }
  return {std::nullopt, take_snapshot(model_db.get(), strictness), strictness == Strictness::all};
}

ModelLoad load_sql_model(Server& server, const SourceFile& file, Strictness strictness) {
  Connection model_db = server.scratch("models");
  const std::string sql = without_psql_meta_commands(file.text());
  const ParsedFile model_sql = ParsedFile::parse(sql, {bom_length(sql), static_cast<uint32_t>(sql.size())});
  const std::optional<ScriptFailure> failure =
      model_sql.errors().empty() ? apply_script(model_db.get(), file, model_sql, TransactionMode::none)
                                 : std::optional(ScriptFailure{model_sql.errors()[0].offset, model_sql.errors()[0].message});
  if (failure) return {failure, {}};
  return {std::nullopt, take_snapshot(model_db.get(), strictness)};
}

}  // namespace

ModelLoad load_model(Server& server, const SourceFile& file, Strictness strictness) {
  if (file.path().ends_with(".json")) return load_snapshot_model(file);
  if (file.path().ends_with(".prisma")) return load_prisma_model(server, file, strictness);
  return load_sql_model(server, file, strictness);
}

}  // namespace miglint::validate
