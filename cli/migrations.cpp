#include <fmt/format.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/options.hpp"

namespace miglint::cli {

namespace {

nlohmann::json script_json(const MigrationSet& set, const std::optional<Script>& script) {
  if (!script) return nullptr;
  const SourceFile& file = *set.files[script->file];
  return {{"file", file.path()},
          {"start_line", file.position(script->section.begin).line},
          {"end_line", file.position(script->section.end).line}};
}

void write_json(const std::vector<MigrationSet>& sets, std::ostream& out) {
  nlohmann::json list = nlohmann::json::array();
  for (const MigrationSet& set : sets) {
    nlohmann::json migrations = nlohmann::json::array();
    for (const Migration& m : set.migrations) {
      migrations.push_back({{"version", m.version}, {"name", m.name}, {"up", script_json(set, m.up)},
                            {"down", script_json(set, m.down)}, {"has_down", m.down.has_value()},
                            {"transaction", to_string(m.transaction)}, {"repeatable", m.repeatable}});
    }
    const bool whole_run = layout_info(set.layout).grouping == RunGrouping::whole_run;
    list.push_back({{"root", set.root}, {"layout", to_string(set.layout)}, {"layout_certain", set.layout_certain},
                    {"run_grouping", whole_run ? "whole-run" : "per-migration"},
                    {"layout_reason", set.layout_reason}, {"migrations", migrations}});
  }
  out << nlohmann::json{{"version", 1}, {"sets", list}}.dump(2) << "\n";
}

void write_text(const std::vector<MigrationSet>& sets, std::ostream& out) {
  for (const MigrationSet& set : sets) {
    out << fmt::format("{} ({} layout, {} migrations{})\n", set.root.empty() ? "files" : set.root, to_string(set.layout),
                       set.migrations.size(),
                       layout_info(set.layout).grouping == RunGrouping::whole_run
                           ? ", all pending migrations of a run in one transaction"
                           : "");
    if (!set.layout_reason.empty()) out << fmt::format("  assumed: {}\n", set.layout_reason);
    size_t transaction_width = std::string_view("transaction").size();
    for (const Migration& m : set.migrations) transaction_width = std::max(transaction_width, to_string(m.transaction).size());
    out << fmt::format("  {:<20} {:<36} {:<5} {:<{}} {}\n", "version", "name", "down", "transaction", transaction_width,
                       "up file");
    for (const Migration& m : set.migrations) {
      const std::string up = m.up ? set.files[m.up->file]->path() : "(missing)";
      out << fmt::format("  {:<20} {:<36} {:<5} {:<{}} {}\n", m.repeatable ? "R" : m.version, m.name,
                         m.down ? "yes" : "no", to_string(m.transaction), transaction_width, up);
    }
  }
}

}  // namespace

int run_migrations(const Invocation& call) {
  Command command({
      .name = "migrations",
      .synopsis = "miglint migrations [OPTIONS] [PATH...]",
      .description = "Lists the migrations miglint finds, in the order their runner applies them.",
      .formats = {"text", "json"},
      .paths = Paths::current_by_default,
      .paths_help = "PATH  migration directories or files (default: the current directory)",
      .shared = {Shared::layout},
      .epilogue = "The transaction column says how the runner wraps each migration:\n"
                  "  transaction                 BEGIN, the script sent as one query, COMMIT (dbmate, diesel)\n"
                  "  transaction-each-statement  BEGIN, each statement sent on its own, COMMIT (goose, Atlas)\n"
                  "  implicit                    the file sent as one query: several statements run as one\n"
                  "                              implicit transaction (golang-migrate, Prisma)\n"
                  "  flyway-auto                 a transaction unless Flyway recognises a statement that\n"
                  "                              cannot run in one\n"
                  "  none                        no transaction unless the script opens one\n"
                  "  unknown                     the runner is not known\n",
  });
  if (!command.parse(call.args, call.out)) return 0;
  const std::vector<MigrationSet> sets = load_inputs(command, Config{}, call.in);
  if (command.format() == "json") {
    write_json(sets, call.out);
  } else {
    write_text(sets, call.out);
  }
  return 0;
}

}  // namespace miglint::cli
